package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
        return run(new ArrayList<>(List.of(SMBCLIENT.toString(), "//127.0.0.1/data",
                "-p", String.valueOf(cistern.smbPort()),
                "-U", "admin%" + CisternProcess.ADMIN_PASSWORD, "-c", commands)));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        // to a file, not a pipe: a hung smbclient must not block the test past its timeout in a read
        Path output = Files.createTempFile("smbclient", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("smbclient did not finish within " + TIMEOUT_SECONDS + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
