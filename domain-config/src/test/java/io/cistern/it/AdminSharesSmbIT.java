package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Share permissions set through the admin API, obeyed by the SMB server: smbj tree connects and opens, and
 * {@code smbclient -L} (Debian smbclient) listing only the shares an account may use.
 */
@ExtendWith(SharedCistern.class)
class AdminSharesSmbIT {
    private static final String PASSWORD = "smb-perm-pass-1";

    private CisternProcess cistern;
    private AdminApiClient api;
    private String admin;

    @BeforeEach
    void connect(CisternProcess cistern) throws Exception {
        this.cistern = cistern;
        this.api = new AdminApiClient(cistern);
        this.admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    @Test
    void noneCannotConnectReadCannotWriteReadWriteThroughAGroupCan() throws Exception {
        String id = AdminApiIT.shortId();
        String share = "perm-smb-" + id;
        String reader = user("rd-" + id);
        String writer = user("wr-" + id);
        String outsider = user("out-" + id);
        String group = "writers-" + id;
        ok(api.post("shares", Json.createObjectBuilder().add("name", share).build(), admin), 201);
        ok(api.post("groups", Json.createObjectBuilder().add("name", group).build(), admin), 201);
        ok(api.put("groups/" + group + "/members/" + writer, admin), 200);
        ok(api.put("shares/" + share + "/permissions/users/" + reader, AdminSharesIT.level("read"), admin), 200);
        ok(api.put("shares/" + share + "/permissions/groups/" + group, AdminSharesIT.level("read-write"), admin), 200);
        ok(api.put("shares/" + share + "/permissions/users/" + outsider, AdminSharesIT.level("none"), admin), 200);
        byte[] content = ("written by " + writer).getBytes(StandardCharsets.UTF_8);

        try (SMBClient client = new SMBClient()) {
            try (DiskShare writable = (DiskShare) logOn(client, writer).connectShare(share)) {
                SmbFilesIT.write(writable, "hello.txt", content);
            }
            try (DiskShare readable = (DiskShare) logOn(client, reader).connectShare(share.toUpperCase())) {
                assertArrayEquals(content, SmbFilesIT.read(readable, "hello.txt"));
                SMBApiException write = assertThrows(SMBApiException.class,
                        () -> SmbFilesIT.write(readable, "hello.txt", new byte[] {1}));
                assertEquals(NtStatus.STATUS_ACCESS_DENIED, write.getStatus());
                SMBApiException mkdir = assertThrows(SMBApiException.class, () -> readable.mkdir("nope"));
                assertEquals(NtStatus.STATUS_ACCESS_DENIED, mkdir.getStatus());
            }
            Session outside = logOn(client, outsider);
            SMBApiException refused = assertThrows(SMBApiException.class, () -> outside.connectShare(share));
            assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, refused.getStatus());
            assertThrows(SMBApiException.class, () -> logOn(client, "admin", CisternProcess.ADMIN_PASSWORD)
                    .connectShare(share), "no row for admin or its groups: none, whatever its API role");
            outside.connectShare("data").close();   // a share without rows stays open to everyone

            ok(api.put("shares/" + share + "/permissions/users/" + outsider, AdminSharesIT.level("read"), admin), 200);
            try (DiskShare now = (DiskShare) outside.connectShare(share)) {
                assertArrayEquals(content, SmbFilesIT.read(now, "hello.txt"), "a change counts at the next connect");
            }
            ok(api.delete("groups/" + group + "/members/" + writer, admin), 200);
            SMBApiException left = assertThrows(SMBApiException.class, () -> logOn(client, writer).connectShare(share));
            assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, left.getStatus(), "leaving the group takes its level away");
        }
    }

    @Test
    void smbclientListsOnlyTheSharesAnAccountMayUse() throws Exception {
        String id = AdminApiIT.shortId();
        String hidden = "hidden-" + id;
        String shown = "shown-" + id;
        String lister = user("ls-" + id);
        ok(api.post("shares", Json.createObjectBuilder().add("name", hidden).build(), admin), 201);
        ok(api.post("shares", Json.createObjectBuilder().add("name", shown).build(), admin), 201);
        ok(api.put("shares/" + hidden + "/permissions/groups/admins", AdminSharesIT.level("read-write"), admin), 200);
        ok(api.put("shares/" + shown + "/permissions/users/" + lister, AdminSharesIT.level("read"), admin), 200);

        String asLister = listShares(lister, PASSWORD);
        assertTrue(lists(asLister, shown), asLister);
        assertTrue(lists(asLister, "data"), "open shares are listed: " + asLister);
        assertFalse(lists(asLister, hidden), asLister);
        String asAdmin = listShares("admin", CisternProcess.ADMIN_PASSWORD);
        assertTrue(lists(asAdmin, hidden), "admin is in the group 'admins': " + asAdmin);
        assertFalse(lists(asAdmin, shown), asAdmin);

        ok(api.delete("shares/" + hidden + "/permissions/groups/admins", admin), 204);
        String reopened = listShares(lister, PASSWORD);
        assertTrue(lists(reopened, hidden), "no rows left: open again, and the cached list knows it: " + reopened);
        ok(api.delete("shares/" + hidden, admin), 204);
        ok(api.delete("shares/" + shown, admin), 204);
        assertFalse(lists(listShares(lister, PASSWORD), shown), "a deleted share is no longer listed");
    }

    @Test
    void aRenamedShareIsListedAndConnectedOnlyByItsNewNameWithItsFilesAndPermissions() throws Exception {
        String id = AdminApiIT.shortId();
        String before = "old-name-" + id;
        String after = "new-name-" + id;
        String member = user("mv-" + id);
        String outsider = user("ns-" + id);
        ok(api.post("shares", Json.createObjectBuilder().add("name", before).build(), admin), 201);
        ok(api.put("shares/" + before + "/permissions/users/" + member, AdminSharesIT.level("read-write"), admin), 200);
        byte[] content = ("renamed with " + before).getBytes(StandardCharsets.UTF_8);
        try (SMBClient client = new SMBClient()) {
            try (DiskShare share = (DiskShare) logOn(client, member).connectShare(before)) {
                SmbFilesIT.write(share, "moved.txt", content);
            }
            assertTrue(lists(listShares(member, PASSWORD), before), "listed, so the cached list holds the old name");

            ok(api.patch("shares/" + before, Json.createObjectBuilder().add("name", after).build(), admin), 200);

            String listing = listShares(member, PASSWORD);
            assertTrue(lists(listing, after), "the share list cache was cleared: " + listing);
            assertFalse(lists(listing, before), listing);
            Session session = logOn(client, member);
            SMBApiException gone = assertThrows(SMBApiException.class, () -> session.connectShare(before));
            assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, gone.getStatus(), "the old name is no share");
            try (DiskShare share = (DiskShare) session.connectShare(after)) {
                assertArrayEquals(content, SmbFilesIT.read(share, "moved.txt"), "the files went with it");
            }
            SMBApiException none = assertThrows(SMBApiException.class,
                    () -> logOn(client, outsider).connectShare(after));
            assertEquals(NtStatus.STATUS_BAD_NETWORK_NAME, none.getStatus(),
                    "the permission rows went with it: an account without one is still kept out");
        }
    }

    private String user(String name) throws Exception {
        ok(api.post("users", Json.createObjectBuilder().add("username", name).add("password", PASSWORD).build(), admin),
                201);
        return name;
    }

    private Session logOn(SMBClient client, String user) throws Exception {
        return logOn(client, user, PASSWORD);
    }

    private Session logOn(SMBClient client, String user, String password) throws Exception {
        return client.connect("127.0.0.1", cistern.smbPort())
                .authenticate(new AuthenticationContext(user, password.toCharArray(), ""));
    }

    private static boolean lists(String listing, String share) {
        return Pattern.compile("(?m)^\\s+" + Pattern.quote(share) + "\\s+Disk\\s*$").matcher(listing).find();
    }

    private String listShares(String user, String password) throws Exception {
        Path output = Files.createTempFile("smbclient", ".out");
        try {
            Process process = new ProcessBuilder(List.of("/usr/bin/smbclient", "-L", "//127.0.0.1", "-p",
                    String.valueOf(cistern.smbPort()), "-U", user + "%" + password)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("smbclient -L did not finish: " + Files.readString(output));
            }
            String listing = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), listing);
            return listing;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void ok(Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
    }
}
