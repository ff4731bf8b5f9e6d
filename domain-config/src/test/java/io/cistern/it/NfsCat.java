package io.cistern.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file with Debian's {@code nfs-cat} (libnfs-utils): a real client, independent of the test's own, so
 * that the committed bytes are checked the way users will read them. libnfs 4.0 takes the ports in the URL and
 * needs no portmapper.
 */
final class NfsCat {
    private static final long TIMEOUT_MINUTES = 5;

    /** What nfs-cat printed: how many bytes, and the SHA-256 of the first {@code prefixLength} of them. */
    record Reading(long bytesRead, String prefixSha256) {
    }

    /** Consumes nfs-cat's output as it streams: files here are too large to hold twice in memory. */
    @FunctionalInterface
    interface StreamReader<T> {
        T read(InputStream stdout) throws IOException;
    }

    private NfsCat() {
    }

    static String url(int nfsPort, String export, String name) {
        return "nfs://127.0.0.1" + export + "/" + name + "?nfsport=" + nfsPort + "&mountport=" + nfsPort;
    }

    /** The whole file, hashing only the prefix that was promised. */
    static Reading readPrefix(String url, long prefixLength) throws IOException, InterruptedException {
        return run(url, stdout -> {
            MessageDigest digest = CommittedFile.sha256();
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            int n;
            while ((n = stdout.read(buffer)) != -1) {
                long wanted = Math.max(0, Math.min(n, prefixLength - total));
                digest.update(buffer, 0, (int) wanted);
                total += n;
            }
            return new Reading(total, CommittedFile.hex(digest));
        });
    }

    /** Runs nfs-cat, hands its output to {@code reader}, and fails with its error output if it failed. */
    static <T> T run(String url, StreamReader<T> reader) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("nfs-cat", ".err");
        try {
            Process process = new ProcessBuilder("nfs-cat", url).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            T result;
            try (InputStream stdout = process.getInputStream()) {
                result = reader.read(stdout);
                stdout.transferTo(OutputStream.nullOutputStream()); // let nfs-cat finish
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("nfs-cat " + url + " still running after " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("nfs-cat " + url + " exited with " + process.exitValue() + ": "
                        + Files.readString(errors).strip());
            }
            return result;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
