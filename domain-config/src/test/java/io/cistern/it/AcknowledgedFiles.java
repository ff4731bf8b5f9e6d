package io.cistern.it;

import static io.cistern.it.Nfs3TestClient.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.Nfs3TestClient.CommitReply;
import io.cistern.it.Nfs3TestClient.HandleReply;
import io.cistern.it.Nfs3TestClient.ReadReply;
import io.cistern.it.Nfs3TestClient.WriteReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every file in one directory that the server has acknowledged (a stable WRITE, or a COMMIT that covers the
 * writes), with the bytes it must hold, to be read back after the database's return. The bytes come from
 * {@link CommittedFile#data}, one seed after another.
 */
final class AcknowledgedFiles {
    private static final int PIECE = 256 * 1024;

    private final byte[] directory;
    /** Named in the failure: the server's data there is kept for a look. */
    private final Path dataDirectory;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private long nextSeed = 7_000;

    AcknowledgedFiles(byte[] directory, Path dataDirectory) {
        this.directory = directory;
        this.dataDirectory = dataDirectory;
    }

    /** The seed of the next new content: no two files or rounds write the same bytes. */
    long nextSeed() {
        return nextSeed++;
    }

    /** Creates a file and writes it in pieces, then commits when unstable; the bytes are acknowledged. */
    byte[] write(Nfs3TestClient data, String name, int length, int stable) throws IOException {
        HandleReply created = data.createGuarded(directory, name);
        assertEquals(OK, created.status(), "CREATE " + name);
        byte[] content = CommittedFile.data(nextSeed(), length);
        long verifier = 0;
        for (int from = 0; from < length; ) {
            int count = Math.min(PIECE, length - from);
            WriteReply reply = data.write(created.handle(), from, content, from, count, stable);
            assertEquals(OK, reply.status(), "WRITE " + name + " at " + from);
            assertTrue(reply.count() > 0 && reply.committed() >= stable, "WRITE " + name + ": " + reply);
            assertTrue(from == 0 || reply.verifier() == verifier, "one verifier for all writes of " + name);
            verifier = reply.verifier();
            from += reply.count();
        }
        if (stable == Nfs3TestClient.UNSTABLE && length > 0) {
            CommitReply commit = data.commit(created.handle());
            assertEquals(OK, commit.status(), "COMMIT " + name);
            assertEquals(verifier, commit.verifier(), "COMMIT " + name + " covers the writes");
        }
        files.put(name, content);
        return created.handle();
    }

    void put(String name, byte[] content) {
        files.put(name, content);
    }

    /** Takes a file out, for a check of its own; its bytes. */
    byte[] remove(String name) {
        return files.remove(name);
    }

    /** Bytes acknowledged at the end of a file already acknowledged. */
    void append(String name, byte[] tail) {
        files.merge(name, tail, (head, more) -> {
            byte[] both = Arrays.copyOf(head, head.length + more.length);
            System.arraycopy(more, 0, both, head.length, more.length);
            return both;
        });
    }

    /** The one of two names that exists; fails when both or neither do. */
    String exactlyOneOf(Nfs3TestClient client, String first, String second) throws IOException {
        boolean firstThere = client.lookup(directory, first).status() == OK;
        boolean secondThere = client.lookup(directory, second).status() == OK;
        assertTrue(firstThere ^ secondThere, "exactly one of " + first + " and " + second + " exists: "
                + firstThere + ", " + secondThere);
        return firstThere ? first : second;
    }

    /** Every acknowledged file reads back whole (size and SHA-256); all differences are reported together. */
    void verify(Nfs3TestClient client) throws IOException {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            HandleReply found = client.lookup(directory, file.getKey());
            if (found.status() != OK) {
                broken.add(file.getKey() + ": LOOKUP answered " + found.status());
                continue;
            }
            byte[] expected = file.getValue();
            long size = client.size(found.handle());
            byte[] read = readAll(client, found.handle(), file.getKey());
            if (size != expected.length || !sha256(read).equals(sha256(expected))) {
                broken.add(String.format(Locale.ROOT, "%s: acknowledged %d bytes with SHA-256 %s; GETATTR size %d,"
                                + " read %d bytes with SHA-256 %s, first difference at %d", file.getKey(), expected.length,
                        sha256(expected), size, read.length, sha256(read), Arrays.mismatch(expected, read)));
            }
        }
        assertTrue(broken.isEmpty(), "acknowledged data lost or damaged (data directory kept: " + dataDirectory + "):\n"
                + String.join("\n", broken));
        System.out.printf(Locale.ROOT, "DatabaseRestartIT: %d acknowledged files read back with their SHA-256 (%.1f"
                + " MiB)%n", files.size(), files.values().stream().mapToLong(b -> b.length).sum()
                / (1024.0 * 1024));
    }

    private static byte[] readAll(Nfs3TestClient client, byte[] handle, String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            ReadReply reply = client.read(handle, bytes.size(), PIECE);
            assertEquals(OK, reply.status(), "READ " + name + " at " + bytes.size());
            bytes.write(reply.data());
            if (reply.eof() || reply.data().length == 0) {
                return bytes.toByteArray();
            }
        }
    }

    private static String sha256(byte[] bytes) {
        MessageDigest digest = CommittedFile.sha256();
        digest.update(bytes);
        return CommittedFile.hex(digest);
    }
}
