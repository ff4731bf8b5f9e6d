package io.cistern.core.adapter;

import static io.cistern.core.adapter.NfsAccessBits.ALL;
import static io.cistern.core.adapter.NfsAccessBits.DELETE;
import static io.cistern.core.adapter.NfsAccessBits.EXECUTE;
import static io.cistern.core.adapter.NfsAccessBits.EXTEND;
import static io.cistern.core.adapter.NfsAccessBits.LOOKUP;
import static io.cistern.core.adapter.NfsAccessBits.MODIFY;
import static io.cistern.core.adapter.NfsAccessBits.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.PermissionSubject;
import io.cistern.core.fs.PosixRules;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NfsAccessBitsTest {
    private static final int R = PosixRules.READ;
    private static final int W = PosixRules.WRITE;
    private static final int X = PosixRules.EXECUTE;

    private static final Caller OWNER = new Caller(1000, 100, Set.of());
    private static final Caller OTHER = new Caller(1003, 100, Set.of());
    private static final Caller ROOT = new Caller(0, 0, Set.of());

    @Test
    void theWireValuesAreRfc1813s() {
        assertEquals(0x01, READ);
        assertEquals(0x02, LOOKUP);
        assertEquals(0x04, MODIFY);
        assertEquals(0x08, EXTEND);
        assertEquals(0x10, DELETE);
        assertEquals(0x20, EXECUTE);
    }

    /** posix is the POSIX access the caller has, as "rwx" with '-' for a missing bit; granted likewise. */
    @ParameterizedTest(name = "directory with {0} grants {1}")
    @CsvSource({
        "rwx, READ LOOKUP MODIFY EXTEND DELETE",
        "r-x, READ LOOKUP",
        // changing entries needs search permission too, as on Linux
        "rw-, READ",
        "-wx, LOOKUP MODIFY EXTEND DELETE",
        "--x, LOOKUP",
        "---, ''",
    })
    void directory(String posix, String granted) {
        assertEquals(bits(granted), NfsAccessBits.granted(ALL, rwx(posix), true));
    }

    @ParameterizedTest(name = "file with {0} grants {1}")
    @CsvSource({
        "rwx, READ MODIFY EXTEND EXECUTE",
        "r--, READ",
        "-w-, MODIFY EXTEND",
        "--x, EXECUTE",
        "r-x, READ EXECUTE",
        "---, ''",
    })
    void file(String posix, String granted) {
        assertEquals(bits(granted), NfsAccessBits.granted(ALL, rwx(posix), false));
    }

    @Test
    void bitsWithoutMeaningForTheObjectAreNeverGranted() {
        assertEquals(0, NfsAccessBits.granted(EXECUTE, R | W | X, true));
        assertEquals(0, NfsAccessBits.granted(LOOKUP | DELETE, R | W | X, false));
        assertEquals(0, NfsAccessBits.posixWanted(EXECUTE, true));
        assertEquals(0, NfsAccessBits.posixWanted(LOOKUP | DELETE, false));
    }

    @Test
    void onlyWhatWasAskedIsAnswered() {
        assertEquals(READ, NfsAccessBits.granted(READ, R | W | X, false));
        assertEquals(MODIFY, NfsAccessBits.granted(MODIFY | 0x40, R | W | X, false));
    }

    @Test
    void theFileSystemIsAskedOnlyForWhatTheBitsNeed() {
        assertEquals(R, NfsAccessBits.posixWanted(READ, true));
        assertEquals(X, NfsAccessBits.posixWanted(LOOKUP, true));
        assertEquals(W | X, NfsAccessBits.posixWanted(MODIFY, true));
        assertEquals(W | X, NfsAccessBits.posixWanted(DELETE, true));
        assertEquals(R | W | X, NfsAccessBits.posixWanted(ALL, true));
        assertEquals(W, NfsAccessBits.posixWanted(MODIFY | EXTEND, false));
        assertEquals(X, NfsAccessBits.posixWanted(EXECUTE, false));
        assertEquals(R | W | X, NfsAccessBits.posixWanted(ALL, false));
    }

    /** What a Linux client asks (all it may use) for callers and modes, through the file system's own rules. */
    @ParameterizedTest(name = "{0} on {1} {2} -> {3}")
    @CsvSource({
        "owner, file, 0644, READ MODIFY EXTEND",
        "other, file, 0644, READ",
        "other, file, 0755, READ EXECUTE",
        // root reads and writes anything, but executes only what someone may execute
        "root, file, 0644, READ MODIFY EXTEND",
        "root, file, 0744, READ MODIFY EXTEND EXECUTE",
        "owner, dir, 0755, READ LOOKUP MODIFY EXTEND DELETE",
        "other, dir, 0755, READ LOOKUP",
        "other, dir, 0711, LOOKUP",
        "other, dir, 0733, LOOKUP MODIFY EXTEND DELETE",
        "root, dir, 0000, READ LOOKUP MODIFY EXTEND DELETE",
    })
    void throughPosixRules(String who, String type, String mode, String granted) {
        Caller caller = switch (who) {
            case "owner" -> OWNER;
            case "root" -> ROOT;
            default -> OTHER;
        };
        boolean directory = type.equals("dir");
        PermissionSubject subject = new PermissionSubject(directory ? FileType.DIRECTORY : FileType.REGULAR,
                Integer.parseInt(mode, 8), OWNER.uid(), 2000);
        int allowed = PosixRules.allowed(caller, subject) & NfsAccessBits.posixWanted(ALL, directory);
        assertEquals(bits(granted), NfsAccessBits.granted(ALL, allowed, directory));
    }

    private static int rwx(String text) {
        return (text.charAt(0) == 'r' ? R : 0) | (text.charAt(1) == 'w' ? W : 0) | (text.charAt(2) == 'x' ? X : 0);
    }

    private static int bits(String names) {
        int bits = 0;
        for (String name : names.trim().split("\\s+")) {
            bits |= switch (name) {
                case "READ" -> READ;
                case "LOOKUP" -> LOOKUP;
                case "MODIFY" -> MODIFY;
                case "EXTEND" -> EXTEND;
                case "DELETE" -> DELETE;
                case "EXECUTE" -> EXECUTE;
                case "" -> 0;
                default -> throw new IllegalArgumentException(name);
            };
        }
        return bits;
    }
}
