package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.PosixRules;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.function.IntUnaryOperator;

/**
 * NFS ACCESS (RFC 1813 section 3.3.4) in terms of POSIX read, write and execute. The six ACCESS3 bits mean
 * different things for a directory and for anything else, so each is granted when the caller holds every POSIX
 * bit it stands for on that kind of object. The table is knfsd's (nfs3_diraccess, nfs3_regaccess), because
 * Linux clients cache these answers and compare them with what their own VFS would decide:
 *
 * <pre>
 *             directory                 other objects
 * READ        read (list)               read
 * LOOKUP      execute (search)          never: no meaning
 * MODIFY      write + execute           write
 * EXTEND      write + execute           write
 * DELETE      write + execute           never: no meaning
 * EXECUTE     never: no meaning         execute
 * </pre>
 *
 * The sticky bit is not consulted for DELETE: it depends on the entry removed, which ACCESS does not name;
 * REMOVE itself enforces it.
 */
final class NfsAccessBits {
    static final int READ = 0x0001;
    static final int LOOKUP = 0x0002;
    static final int MODIFY = 0x0004;
    static final int EXTEND = 0x0008;
    static final int DELETE = 0x0010;
    static final int EXECUTE = 0x0020;
    static final int ALL = READ | LOOKUP | MODIFY | EXTEND | DELETE | EXECUTE;

    private static final int NEVER = -1;

    private NfsAccessBits() {
    }

    /**
     * The ACCESS reply about {@code object} for the ACCESS3 bits {@code wanted}: {@code allowedOf} answers which of
     * the POSIX bits it is asked for the caller holds, or a negative number when it cannot tell (the reply is then
     * null, for the caller to ask elsewhere).
     */
    static NfsAccessReply reply(Attributes object, int wanted, IntUnaryOperator allowedOf) {
        boolean directory = object.type() == FileType.DIRECTORY;
        int posixWanted = posixWanted(wanted, directory);
        int allowed = posixWanted == 0 ? 0 : allowedOf.applyAsInt(posixWanted);
        if (allowed < 0) {
            return null;
        }
        return new NfsAccessReply(NfsStatus.OK, NfsTranslation.attributes(object), granted(wanted, allowed, directory));
    }

    /** The POSIX bits to ask the file system about for the ACCESS3 bits {@code wanted}. */
    static int posixWanted(int wanted, boolean directory) {
        int posix = 0;
        for (int bit = READ; bit <= EXECUTE; bit <<= 1) {
            int needed = posixNeeded(bit, directory);
            if ((wanted & bit) != 0 && needed != NEVER) {
                posix |= needed;
            }
        }
        return posix;
    }

    /** The ACCESS3 bits among {@code wanted} that the POSIX bits {@code allowed} grant. */
    static int granted(int wanted, int allowed, boolean directory) {
        int granted = 0;
        for (int bit = READ; bit <= EXECUTE; bit <<= 1) {
            int needed = posixNeeded(bit, directory);
            if ((wanted & bit) != 0 && needed != NEVER && (allowed & needed) == needed) {
                granted |= bit;
            }
        }
        return granted;
    }

    private static int posixNeeded(int accessBit, boolean directory) {
        return switch (accessBit) {
            case READ -> PosixRules.READ;
            case LOOKUP -> directory ? PosixRules.EXECUTE : NEVER;
            // changing a directory's entries also needs search permission in it (Linux may_create, may_delete)
            case MODIFY, EXTEND -> directory ? PosixRules.WRITE | PosixRules.EXECUTE : PosixRules.WRITE;
            case DELETE -> directory ? PosixRules.WRITE | PosixRules.EXECUTE : NEVER;
            case EXECUTE -> directory ? NEVER : PosixRules.EXECUTE;
            default -> NEVER;
        };
    }
}
