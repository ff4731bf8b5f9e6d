package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
 * The shares' SMB options set through the admin API and obeyed by the SMB server at the next connect:
 * {@code smbEncryptionRequired} (smbj encrypting at 3.1.1 works, smbj at 2.1 is refused),
 * {@code smbGuestAllowed} (smbj's guest and anonymous logons connect only where it is set, and an anonymous
 * {@code smbclient -L} lists only such shares) and {@code smbSigningRequired} (smbj signing works at 2.1 and 3.1.1,
 * smbclient not signing is refused on the share, a guest at tree connect; a viewer may not change it; smbj 0.14.0
 * signs every request of an authenticated session whatever its configuration, so smbclient is the unsigned client).
 */
@ExtendWith(SharedCistern.class)
class AdminSharesSmbOptionsIT {
    private static final String PASSWORD = "smb-opt-pass-1";

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
    void encryptionRequiredAdmitsAnEncryptingClientAndRefusesA21OneUntilItIsTurnedOff() throws Exception {
        String id = AdminApiIT.shortId();
        String share = "sealed-" + id;
        String user = "enc-" + id;
        ok(api.post("users", Json.createObjectBuilder().add("username", user).add("password", PASSWORD).build(),
                admin), 201);
        JsonObject created = api.post("shares", Json.createObjectBuilder().add("name", share)
                .add("smbEncryptionRequired", true).build(), admin).json();
        assertTrue(created.getBoolean("smbEncryptionRequired"), created.toString());
        assertFalse(created.getBoolean("smbGuestAllowed"), "guests are not allowed by default: " + created);
        byte[] content = ("sealed for " + user).getBytes(StandardCharsets.UTF_8);

        try (SMBClient encrypting = new SMBClient(config(SMB2Dialect.SMB_3_1_1, true));
             DiskShare sealed = (DiskShare) logOn(encrypting, user).connectShare(share)) {
            SmbFilesIT.write(sealed, "sealed.txt", content);
            assertArrayEquals(content, SmbFilesIT.read(sealed, "sealed.txt"));
        }
        try (SMBClient old = new SMBClient(config(SMB2Dialect.SMB_2_1, false))) {
            Session session = logOn(old, user);
            SMBApiException refused = assertThrows(SMBApiException.class, () -> session.connectShare(share));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED, refused.getStatus());
            session.connectShare("data").close();   // another share stays open to it

            JsonObject changed = api.patch("shares/" + share, Json.createObjectBuilder()
                    .add("smbEncryptionRequired", false).build(), admin).json();
            assertFalse(changed.getBoolean("smbEncryptionRequired"), changed.toString());
            try (DiskShare now = (DiskShare) logOn(old, user).connectShare(share)) {
                assertArrayEquals(content, SmbFilesIT.read(now, "sealed.txt"), "the change counts at the next connect");
            }
        }
        List<JsonObject> events = api.get("audit?limit=100", admin).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> share.equals(e.getString("target", null))).toList();
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("share.update")
                && e.toString().contains("smbEncryptionRequired=false")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("share.create")
                && e.toString().contains("smbEncryptionRequired=true")), events.toString());
    }

    @Test
    void guestsConnectOnlyWhereAllowedAndActAsTheAnonymousIds() throws Exception {
        String id = AdminApiIT.shortId();
        String open = "guests-" + id;
        String closed = "members-" + id;
        ok(api.post("shares", Json.createObjectBuilder().add("name", open).add("smbGuestAllowed", true).build(),
                admin), 201);
        ok(api.post("shares", Json.createObjectBuilder().add("name", closed).build(), admin), 201);
        byte[] content = "a guest was here".getBytes(StandardCharsets.UTF_8);

        try (SMBClient client = new SMBClient(config(SMB2Dialect.SMB_3_1_1, false))) {
            Session guest = client.connect("127.0.0.1", cistern.smbPort()).authenticate(AuthenticationContext.guest());
            assertTrue(guest.getSessionContext().isGuest(), "SMB2_SESSION_FLAG_IS_GUEST");
            try (DiskShare share = (DiskShare) guest.connectShare(open)) {
                SmbFilesIT.write(share, "guest.txt", content);
                assertArrayEquals(content, SmbFilesIT.read(share, "guest.txt"));
                assertEquals(65534L, ownerUid(share, "guest.txt"));
            }
            SMBApiException refused = assertThrows(SMBApiException.class, () -> guest.connectShare(closed));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED, refused.getStatus());

            Session anonymous = client.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(AuthenticationContext.anonymous());
            try (DiskShare share = (DiskShare) anonymous.connectShare(open)) {
                assertArrayEquals(content, SmbFilesIT.read(share, "guest.txt"));
            }
            assertThrows(SMBApiException.class, () -> anonymous.connectShare(closed));

            SMBApiException wrong = assertThrows(SMBApiException.class, () -> client.connect("127.0.0.1",
                    cistern.smbPort()).authenticate(new AuthenticationContext("admin", "not-it".toCharArray(), "")));
            assertEquals(NtStatus.STATUS_LOGON_FAILURE, wrong.getStatus(), "never downgraded to a guest");

            String listed = anonymousListing();
            assertTrue(lists(listed, open), listed);
            assertFalse(lists(listed, closed), listed);

            ok(api.patch("shares/" + open, Json.createObjectBuilder().add("smbGuestAllowed", false).build(), admin),
                    200);
            String relisted = anonymousListing();
            assertFalse(lists(relisted, open), "the cached share list knows the change: " + relisted);
            Session later = client.connect("127.0.0.1", cistern.smbPort()).authenticate(AuthenticationContext.guest());
            SMBApiException now = assertThrows(SMBApiException.class, () -> later.connectShare(open));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED, now.getStatus(), "the change counts at the next connect");
        }
    }

    @Test
    void signingRequiredAdmitsOnlySigningClientsUntilItIsTurnedOff() throws Exception {
        String id = AdminApiIT.shortId();
        String share = "signed-" + id;
        String user = "sig-" + id;
        ok(api.post("users", Json.createObjectBuilder().add("username", user).add("password", PASSWORD).build(),
                admin), 201);
        JsonObject created = api.post("shares", Json.createObjectBuilder().add("name", share)
                .add("smbSigningRequired", true).add("smbGuestAllowed", true).build(), admin).json();
        assertTrue(created.getBoolean("smbSigningRequired"), created.toString());
        byte[] content = ("signed for " + user).getBytes(StandardCharsets.UTF_8);

        for (SMB2Dialect dialect : List.of(SMB2Dialect.SMB_2_1, SMB2Dialect.SMB_3_1_1)) {
            try (SMBClient signing = new SMBClient(signingConfig(dialect, true));
                 DiskShare signed = (DiskShare) logOn(signing, user).connectShare(share)) {
                SmbFilesIT.write(signed, "signed-" + dialect + ".txt", content);
                assertArrayEquals(content, SmbFilesIT.read(signed, "signed-" + dialect + ".txt"), dialect.name());
            }
        }
        String refused = smbclientLs(share, user, "off");
        assertTrue(refused.contains("NT_STATUS_ACCESS_DENIED"), "smbclient not signing: " + refused);
        String other = smbclientLs("data", user, "off");
        assertTrue(other.contains("blocks available") && !other.contains("NT_STATUS_"), "another share: " + other);
        try (SMBClient guests = new SMBClient(signingConfig(SMB2Dialect.SMB_3_1_1, false))) {
            Session guest = guests.connect("127.0.0.1", cistern.smbPort()).authenticate(AuthenticationContext.guest());
            SMBApiException guestRefused = assertThrows(SMBApiException.class, () -> guest.connectShare(share));
            assertEquals(NtStatus.STATUS_ACCESS_DENIED, guestRefused.getStatus(), "a guest cannot sign");
        }
        String viewer = api.tokenOfNewUser(admin, "sigview", "viewer", PASSWORD);
        ok(api.patch("shares/" + share, Json.createObjectBuilder().add("smbSigningRequired", false).build(), viewer),
                403);
        assertTrue(api.get("shares/" + share, admin).json().getBoolean("smbSigningRequired"),
                "a viewer changed nothing");
        JsonObject changed = api.patch("shares/" + share, Json.createObjectBuilder()
                .add("smbSigningRequired", false).build(), admin).json();
        assertFalse(changed.getBoolean("smbSigningRequired"), changed.toString());
        String listed = smbclientLs(share, user, "off");
        assertTrue(listed.contains("signed-SMB_3_1_1.txt"), "the change counts at the next connect: " + listed);
        List<JsonObject> events = api.get("audit?limit=100", admin).array().getValuesAs(JsonObject.class).stream()
                .filter(e -> share.equals(e.getString("target", null))).toList();
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("share.create")
                && e.toString().contains("smbSigningRequired=true")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.getString("action").equals("share.update")
                && e.toString().contains("smbSigningRequired=false")), events.toString());
    }

    /** The uid of the file's owner, from its owner SID S-1-22-1-uid. */
    private static long ownerUid(DiskShare share, String path) {
        var owner = share.getSecurityInfo(path, java.util.EnumSet.of(
                com.hierynomus.msdtyp.SecurityInformation.OWNER_SECURITY_INFORMATION)).getOwnerSid();
        long[] parts = owner.getSubAuthorities();
        return parts[parts.length - 1];
    }

    private static boolean lists(String listing, String share) {
        return Pattern.compile("(?m)^\\s+" + Pattern.quote(share) + "\\s+Disk\\s*$").matcher(listing).find();
    }

    /**
     * {@code smbclient //127.0.0.1/share -c ls} as {@code user} with {@code --client-protection=protection} (off: it
     * neither signs nor encrypts), its output whatever its exit status; the password goes in a file of mode 0600.
     */
    private String smbclientLs(String share, String user, String protection) throws Exception {
        Path auth = Files.createTempFile("smbclient", ".auth", java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Path output = Files.createTempFile("smbclient", ".out");
        try {
            Files.writeString(auth, "username = " + user + "\npassword = " + PASSWORD + "\n");
            Process process = new ProcessBuilder(List.of("/usr/bin/smbclient", "//127.0.0.1/" + share, "-p",
                    String.valueOf(cistern.smbPort()), "-A", auth.toString(), "--client-protection=" + protection,
                    "-c", "ls")).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("smbclient did not finish: " + Files.readString(output));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(auth);
            Files.deleteIfExists(output);
        }
    }

    /** {@code smbclient -L -U%}: the listing an anonymous session gets over IPC$. */
    private String anonymousListing() throws Exception {
        Path output = Files.createTempFile("smbclient", ".out");
        try {
            Process process = new ProcessBuilder(List.of("/usr/bin/smbclient", "-L", "//127.0.0.1", "-p",
                    String.valueOf(cistern.smbPort()), "-U%")).redirectErrorStream(true)
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

    private Session logOn(SMBClient client, String user) throws Exception {
        return client.connect("127.0.0.1", cistern.smbPort())
                .authenticate(new AuthenticationContext(user, PASSWORD.toCharArray(), ""));
    }

    private static SmbConfig config(SMB2Dialect dialect, boolean encrypt) {
        return SmbConfig.builder().withDialects(dialect).withEncryptData(encrypt).withTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    private static SmbConfig signingConfig(SMB2Dialect dialect, boolean sign) {
        return SmbConfig.builder().withDialects(dialect).withSigningRequired(sign).withTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    private static void ok(Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
    }
}
