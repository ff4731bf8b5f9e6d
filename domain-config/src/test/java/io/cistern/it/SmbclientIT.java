package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samba's {@code smbclient} (Debian package smbclient, which the CI installs) doing a user's file work on the
 * running server: the commands go through its own SMB2 stack, not one written here.
 */
@ExtendWith(SharedCistern.class)
class SmbclientIT {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    private static final int TIMEOUT_SECONDS = 120;
    /** A 1 GiB put or get, encrypted, on a loaded 2-core CI machine: tens of MB/s at worst. */
    private static final int LARGE_TIMEOUT_SECONDS = 600;
    private static final long GIB = 1L << 30;

    @Test
    void putListGetRenameAndRemove(CisternProcess cistern, @TempDir Path local) throws Exception {
        byte[] content = new byte[2 * 1024 * 1024 + 333];
        new Random(11).nextBytes(content);
        Path upload = local.resolve("upload.bin");
        Files.write(upload, content);
        Path download = local.resolve("download.bin");
        String dir = "smbclient-" + UUID.randomUUID().toString().substring(0, 8);

        Result put = smbclient(cistern, "mkdir " + dir + "; cd " + dir + "; put " + upload + " first.bin; ls");
        assertEquals(0, put.exitCode(), put.output());
        assertTrue(put.output().lines().anyMatch(line -> line.contains("first.bin") && line.contains(
                String.valueOf(content.length))), "ls shows the file with its size:\n" + put.output());

        Result get = smbclient(cistern, "cd " + dir + "; rename first.bin Second.BIN; get second.bin " + download);
        assertEquals(0, get.exitCode(), get.output());
        assertArrayEquals(content, Files.readAllBytes(download), "the file read back is the file written");

        Result listing = smbclient(cistern, "cd " + dir + "; ls");
        assertTrue(listing.output().contains("Second.BIN"), "the new name keeps its case:\n" + listing.output());
        assertFalse(listing.output().contains("first.bin"), listing.output());

        Result remove = smbclient(cistern, "cd " + dir + "; rm Second.BIN; cd ..; rmdir " + dir + "; ls");
        assertEquals(0, remove.exitCode(), remove.output());
        assertFalse(remove.output().contains(dir), "the directory is gone:\n" + remove.output());
    }

    /**
     * Issue 6's transfer check: 1 GiB in and out with smbclient at the newest SMB2 dialect, at the newest SMB3 one
     * and at SMB3 with encryption required (Samba's client then refuses any answer that does not come encrypted),
     * each read back compared by SHA-256; the dialect each mode negotiated is checked too. Then deltree removes the
     * directory with the three files in it.
     */
    @Test
    void aGibibyteGoesInAndOutAtSmb2AtSmb3AndEncryptedAndDeltreeRemovesIt(CisternProcess cistern,
                                                                        @TempDir Path local) throws Exception {
        Path upload = local.resolve("large.bin");
        String written = writeRandom(upload, GIB);
        Path download = local.resolve("back.bin");
        String dir = "smbclient-large-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(0, smbclient(cistern, "mkdir " + dir).exitCode());
        record Mode(String name, List<String> options, String dialect) {
        }
        List<Mode> modes = List.of(new Mode("smb2", List.of("-m", "SMB2"), "SMB2_10"),
                new Mode("smb3", List.of("-m", "SMB3"), "SMB3_11"),
                new Mode("encrypted", List.of("-m", "SMB3", "--client-protection=encrypt"), "SMB3_11"));
        for (Mode mode : modes) {
            List<String> debug = new ArrayList<>(mode.options());
            debug.addAll(List.of("-d", "5"));
            Result negotiated = smbclient(cistern, debug, "ls", TIMEOUT_SECONDS);
            assertTrue(negotiated.output().contains("negotiated dialect[" + mode.dialect() + "]"),
                    mode.name() + " negotiates " + mode.dialect() + ":\n" + tail(negotiated.output()));

            String remote = mode.name() + ".bin";
            Result put = smbclient(cistern, mode.options(), "cd " + dir + "; put " + upload + " " + remote + "; ls",
                    LARGE_TIMEOUT_SECONDS);
            assertEquals(0, put.exitCode(), mode.name() + " put:\n" + tail(put.output()));
            assertTrue(put.output().lines().anyMatch(line -> line.contains(remote) && line.contains(
                    Long.toString(GIB))), mode.name() + ": ls shows the file with its size:\n" + tail(put.output()));

            Result get = smbclient(cistern, mode.options(), "cd " + dir + "; get " + remote + " " + download,
                    LARGE_TIMEOUT_SECONDS);
            assertEquals(0, get.exitCode(), mode.name() + " get:\n" + tail(get.output()));
            assertEquals(GIB, Files.size(download), mode.name());
            assertEquals(written, sha256(download), mode.name() + ": the file read back is the file written");
            Files.delete(download);
        }

        Result deltree = smbclient(cistern, "deltree " + dir + "; ls");
        assertEquals(0, deltree.exitCode(), deltree.output());
        assertFalse(deltree.output().contains(dir), "deltree removed the directory and its files:\n"
                + deltree.output());
        Result gone = smbclient(cistern, "cd " + dir);
        assertTrue(gone.output().contains("NT_STATUS_OBJECT_NAME_NOT_FOUND")
                || gone.output().contains("NT_STATUS_OBJECT_PATH_NOT_FOUND"), gone.output());
    }

    @Test
    void aMissingFileIsReportedAsNotFound(CisternProcess cistern, @TempDir Path local) throws Exception {
        Result get = smbclient(cistern, "get no-such-file-here " + local.resolve("x"));
        assertTrue(get.output().contains("NT_STATUS_OBJECT_NAME_NOT_FOUND"), get.output());
        assertFalse(Files.exists(local.resolve("x")));
    }

    @Test
    void listingTheServerShowsItsShares(CisternProcess cistern) throws Exception {
        List<String> command = List.of(SMBCLIENT.toString(), "-L", "//127.0.0.1", "-p",
                String.valueOf(cistern.smbPort()), "-U", "admin%" + CisternProcess.ADMIN_PASSWORD);
        Result listing = run(command);
        assertEquals(0, listing.exitCode(), listing.output());
        assertTrue(listing.output().matches("(?s).*\\n\\s+data\\s+Disk\\s*\\n.*"), listing.output());
        assertTrue(listing.output().matches("(?s).*\\n\\s+IPC\\$\\s+IPC\\s+IPC Service.*"), listing.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result smbclient(CisternProcess cistern, String commands) throws IOException, InterruptedException {
        return smbclient(cistern, List.of(), commands, TIMEOUT_SECONDS);
    }

    private static Result smbclient(CisternProcess cistern, List<String> options, String commands, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SMBCLIENT.toString(), "//127.0.0.1/data",
                "-p", String.valueOf(cistern.smbPort()), "-U", "admin%" + CisternProcess.ADMIN_PASSWORD));
        command.addAll(options);
        command.addAll(List.of("-c", commands));
        return run(command, timeoutSeconds);
    }

    /** {@code bytes} of new random data (new each run: known blocks would be deduplicated); its SHA-256. */
    private static String writeRandom(Path file, long bytes) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(System.nanoTime());
        byte[] chunk = new byte[4 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < bytes; done += chunk.length) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The end of a long smbclient output (a debug level of 5 writes thousands of lines). */
    private static String tail(String output) {
        return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, TIMEOUT_SECONDS);
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        // to a file, not a pipe: a hung smbclient must not block the test past its timeout in a read
        Path output = Files.createTempFile("smbclient", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("smbclient did not finish within " + timeoutSeconds + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
