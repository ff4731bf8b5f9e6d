package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Random;
import java.util.UUID;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each of Cistern's own metrics at {@code /metrics} moves when its event happens on the running server: requests
 * per protocol and operation (count and failures by status), bytes read and written, open connections, failed
 * logons over SMB and failed admin logins. Every check compares the value after the event with the value before,
 * so that the other test classes sharing the server cannot make it pass by accident.
 */
@ExtendWith(SharedCistern.class)
class MetricsIT {
    private static final String EXPORT = "/data";
    /** The adapters report connection and logon counters every 2 s when they changed. */
    private static final long ADAPTER_REPORT_WAIT_MILLIS = 15_000;

    @Test
    void nfsRequestsBytesFailuresAndConnectionsAreCounted(CisternProcess cistern) throws Exception {
        String base = cistern.httpBase();
        PrometheusText before = PrometheusText.scrape(base);
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        double openWhileConnected;
        try (Nfs3TestClient client = new Nfs3TestClient(cistern.nfsPort(), 1000, 1000)) {
            byte[] root = client.mount(EXPORT).handle();
            Nfs3TestClient.HandleReply created = client.createGuarded(root, "metrics-" + shortId());
            assertEquals(Nfs3TestClient.OK, created.status());
            assertEquals(Nfs3TestClient.OK,
                    client.write(created.handle(), 0, data, 0, data.length, Nfs3TestClient.FILE_SYNC).status());
            Nfs3TestClient.ReadReply read = client.read(created.handle(), 0, data.length);
            assertArrayEquals(data, read.data());
            assertEquals(Nfs3TestClient.NOENT, client.lookup(root, "no-such-name-" + shortId()).status());

            PrometheusText during = awaitMetric(base, "cistern_connections", value -> value >= 1, "protocol", "nfs");
            assertMoved(before, during, 1, "cistern_requests_seconds_count", "protocol", "nfs", "operation", "WRITE");
            assertMoved(before, during, 1, "cistern_requests_seconds_count", "protocol", "nfs", "operation", "READ");
            assertMoved(before, during, 1, "cistern_request_failures_total",
                    "protocol", "nfs", "operation", "LOOKUP", "status", "NOENT");
            assertMoved(before, during, data.length, "cistern_written_bytes_total", "protocol", "nfs");
            assertMoved(before, during, data.length, "cistern_read_bytes_total", "protocol", "nfs");
            assertTrue(during.value("cistern_requests_seconds_sum", "protocol", "nfs", "operation", "WRITE") > 0,
                    "a WRITE takes some time");
            openWhileConnected = during.value("cistern_connections", "protocol", "nfs");
        }
        awaitMetric(base, "cistern_connections", value -> value <= openWhileConnected - 1, "protocol", "nfs");
    }

    @Test
    void smbLogonFailuresBytesAndConnectionsAreCounted(CisternProcess cistern) throws Exception {
        String base = cistern.httpBase();
        PrometheusText before = PrometheusText.scrape(base);
        byte[] data = new byte[5_000];
        new Random(11).nextBytes(data);
        double openWhileConnected;
        try (SMBClient smb = new SMBClient(); Connection connection = smb.connect("127.0.0.1", cistern.smbPort())) {
            assertThrows(SMBRuntimeException.class, () -> connection.authenticate(
                    new AuthenticationContext("admin", "not-the-password".toCharArray(), "")));
            PrometheusText failed = awaitMetric(base, "cistern_auth_failures_total",
                    value -> value >= before.value("cistern_auth_failures_total", "protocol", "smb") + 1,
                    "protocol", "smb");
            assertEquals(1, failed.value("cistern_auth_failures_total", "protocol", "smb")
                    - before.value("cistern_auth_failures_total", "protocol", "smb"), "one failed logon, counted once");

            Session session = connection.authenticate(new AuthenticationContext("admin",
                    CisternProcess.ADMIN_PASSWORD.toCharArray(), ""));
            try (DiskShare share = (DiskShare) session.connectShare("data")) {
                String name = "metrics-smb-" + shortId() + ".bin";
                try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE),
                        null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null);
                     OutputStream out = file.getOutputStream()) {
                    out.write(data);
                }
                try (File file = share.openFile(name, EnumSet.of(AccessMask.GENERIC_READ), null,
                        SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null);
                     InputStream in = file.getInputStream()) {
                    assertArrayEquals(data, in.readAllBytes());
                }
            }
            PrometheusText during = awaitMetric(base, "cistern_connections", value -> value >= 1, "protocol", "smb");
            assertMoved(before, during, data.length, "cistern_written_bytes_total", "protocol", "smb");
            assertMoved(before, during, data.length, "cistern_read_bytes_total", "protocol", "smb");
            assertMoved(before, during, 1, "cistern_requests_seconds_count", "protocol", "smb", "operation", "WRITE");
            openWhileConnected = during.value("cistern_connections", "protocol", "smb");
        }
        awaitMetric(base, "cistern_connections", value -> value <= openWhileConnected - 1, "protocol", "smb");
    }

    @Test
    void failedAdminLoginsAreCounted(CisternProcess cistern) throws Exception {
        String base = cistern.httpBase();
        PrometheusText before = PrometheusText.scrape(base);
        // an address of its own: the login throttle counts per address, and other classes fail logins from 127.0.0.1
        AddressedLogin.Answer refused = AddressedLogin.from(InetAddress.getByName("127.0.0.3"), cistern.httpPort(),
                "{\"username\":\"admin\",\"password\":\"wrong-password\"}");
        assertEquals(401, refused.status(), refused.text());
        PrometheusText after = PrometheusText.scrape(base);
        assertMoved(before, after, 1, "cistern_auth_failures_total", "protocol", "http");
    }

    @Test
    void theStoreAndJournalGaugesAreThere(CisternProcess cistern) throws Exception {
        PrometheusText metrics = PrometheusText.scrape(cistern.httpBase());
        assertTrue(metrics.value("cistern_journal_capacity_bytes") > 0, "journal capacity");
        for (String gauge : new String[] {"cistern_journal_used_bytes", "cistern_upload_files_pending",
                "cistern_cache_hits", "cistern_cache_misses"}) {
            assertTrue(metrics.value(gauge) >= 0, gauge);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Asserts that a series grew by at least {@code least} between two scrapes. */
    private static void assertMoved(PrometheusText before, PrometheusText after, double least, String name,
                                    String... labels) {
        double grown = after.value(name, labels) - before.value(name, labels);
        assertTrue(grown >= least, name + " " + String.join(",", labels) + " grew by " + grown + ", expected at least "
                + least);
    }

    private static PrometheusText awaitMetric(String base, String name, DoublePredicate until, String... labels)
            throws Exception {
        long deadline = System.currentTimeMillis() + ADAPTER_REPORT_WAIT_MILLIS;
        while (true) {
            PrometheusText metrics = PrometheusText.scrape(base);
            double value = metrics.value(name, labels);
            if (until.test(value)) {
                return metrics;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(name + " " + String.join(",", labels) + " still " + value + " after "
                        + ADAPTER_REPORT_WAIT_MILLIS + " ms");
            }
            Thread.sleep(200);
        }
    }
}
