package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener switched off stays off across a restart (the switch is stored in PostgreSQL): the launcher starts,
 * reports it as switched off and counts the server as ready, health is UP, the port refuses, NFS serves; switched on
 * again through the API, SMB serves on the configured port. Its own server, since it restarts one.
 */
class AdapterSwitchRestartIT {
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SWITCH_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path scratch;

    @Test
    void smbSwitchedOffStaysOffAfterARestartUntilSwitchedOn() throws Exception {
        Path data = scratch.resolve("data");
        Map<String, String> ports = Map.of("CISTERN_NFS_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_SMB_PORT", Integer.toString(CisternProcess.freePort()),
                "CISTERN_HTTP_PORT", Integer.toString(CisternProcess.freePort()));
        try (CisternProcess first = CisternProcess.configure(data, ports).startAndAwaitReady()) {
            AdminApiClient api = new AdminApiClient(first);
            String admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
            Answer off = api.put("adapters/smb", Json.createObjectBuilder().add("enabled", false).build(), admin);
            assertEquals(200, off.status(), off.body());
            awaitState(api, admin, "DISABLED");
            assertEquals(0, first.stop(STOP_TIMEOUT), "SIGTERM is a clean stop");
        }

        try (CisternProcess second = CisternProcess.configure(data, ports).startAndAwaitReady()) {
            assertTrue(second.output().stream().anyMatch(line -> line.contains("SMB") && line.contains("switched off")),
                    "the launcher says SMB is switched off: " + second.output());
            AdminApiClient api = new AdminApiClient(second);
            String admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
            JsonObject smb = smb(api, admin);
            assertFalse(smb.getBoolean("enabled"), smb.toString());
            assertEquals("DISABLED", smb.getString("state"), smb.toString());
            assertEquals(200, Http.get(second.httpBase() + "/health").statusCode(), "switched off on purpose is ready");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", second.smbPort()), 2_000);
                }
            }, "the SMB port refuses after the restart");
            try (Nfs3TestClient nfs = new Nfs3TestClient(second.nfsPort(), 0, 0)) {
                assertEquals(Nfs3TestClient.OK, nfs.mount("/data").status(), "NFS serves");
            }

            Answer on = api.put("adapters/smb", Json.createObjectBuilder().add("enabled", true).build(), admin);
            assertEquals(200, on.status(), on.body());
            awaitState(api, admin, "LISTENING");
            assertEquals(second.smbPort(), smb(api, admin).getInt("port"));
            try (SMBClient client = new SMBClient(); Session session = client.connect("127.0.0.1", second.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
                 DiskShare share = (DiskShare) session.connectShare("data")) {
                assertTrue(share.folderExists(""), "SMB serves again");
            }
        }
    }

    private static JsonObject smb(AdminApiClient api, String admin) throws Exception {
        Answer answer = api.get("adapters", admin);
        assertEquals(200, answer.status(), answer.body());
        return answer.array().getValuesAs(JsonObject.class).stream()
                .filter(adapter -> adapter.getString("protocol").equals("SMB")).findFirst().orElseThrow();
    }

    private static void awaitState(AdminApiClient api, String admin, String state) throws Exception {
        long deadline = System.nanoTime() + SWITCH_LIMIT.toNanos();
        while (!smb(api, admin).getString("state").equals(state)) {
            assertTrue(System.nanoTime() < deadline, "SMB not " + state + ": " + smb(api, admin));
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
