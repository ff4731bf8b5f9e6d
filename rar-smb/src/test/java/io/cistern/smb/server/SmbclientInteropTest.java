package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Samba's smbclient (when installed) against the real pipeline: it must get past NEGOTIATE and fail only
 * at SESSION_SETUP, which is not implemented yet.
 */
class SmbclientInteropTest {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    @RegisterExtension
    static final LoopbackSmbServer SERVER = new LoopbackSmbServer();

    @Test
    void smbclientNegotiates202AndStopsAtSessionSetup() throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient is not installed");
        int before = SERVER.listener.identityCallers.size();
        // debug level 10 is the lowest at which smbclient names the negotiated dialect
        String output = run(List.of(SMBCLIENT.toString(), "-L", "//127.0.0.1", "-p", String.valueOf(SERVER.port()), "-N",
                "-m", "SMB2_02", "-d", "10"));
        assertTrue(output.contains("negotiated dialect[SMB2_02] against server[127.0.0.1]"), output);
        assertTrue(output.contains("session setup failed: NT_STATUS_NOT_SUPPORTED"), output);
        assertEquals(before + 1, SERVER.listener.identityCallers.size(), "one NEGOTIATE reached the application");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("smbclient did not finish within 30 s");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
