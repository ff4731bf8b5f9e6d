package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console end to end in headless Debian Chromium driven by playwright-core ({@code src/test/e2e/console.mjs})
 * against the shared server: a wrong password shows its error, then login; a user, a group with that user as member
 * and a share with read-write for the group are made through the forms and appear; API errors show with their field;
 * the statistics job started on the Jobs page shows its
 * progress bars and ends COMPLETED; a stopped statistics execution restarted with Restart on the Jobs page runs to
 * COMPLETED, and one another admin restarted first shows the API's refusal; NFS switched off and on through the API
 * shows on the open Adapters page and dashboard without a reload; the Stores, Adapters and Settings pages show the
 * store, the listeners and no secret; a runtime setting changed and reset, and a start-only one saved (shown as
 * waiting for a restart) and reset; a statistics schedule set in the console charts a share holding repeated blocks; an SMB copy made while the
 * dashboard is open shows there live, its connection among the connected clients, and both leave when they end; the audit log, a reload, a narrow screen, the keyboard
 * and logout; and no Content-Security-Policy violation nor script error on the way. What the
 * browser made is then checked through the API, and the screenshots in {@code target/e2e-screenshots/} are checked
 * to be PNGs of the right widths.
 * <p>
 * The browser reaches the server through a {@link LoopbackRelay} from {@value #BROWSER_ADDRESS}: its failed login
 * is counted there, not with the other classes' failures from 127.0.0.1, which the login throttle would otherwise
 * add up to its limit.
 */
@ExtendWith(SharedCistern.class)
class ConsoleBrowserIT {
    private static final String BROWSER_ADDRESS = "127.0.0.4";
    private static final Path SCREENSHOTS = Path.of("target/e2e-screenshots").toAbsolutePath();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final int BLOCK = 4 * 1024 * 1024;
    private static final int STEPS = 27;
    private static final Map<String, Integer> SCREENSHOT_WIDTHS = Map.ofEntries(Map.entry("dashboard-1280", 1280),
            Map.entry("shares-1280", 1280), Map.entry("audit-1280", 1280), Map.entry("dashboard-live-1280", 1280),
            Map.entry("jobs-1280", 1280), Map.entry("stores-1280", 1280), Map.entry("settings-1280", 1280),
            Map.entry("dashboard-narrow", 390), Map.entry("shares-narrow", 390), Map.entry("users-narrow", 390),
            Map.entry("jobs-narrow", 390), Map.entry("stores-narrow", 390), Map.entry("adapters-narrow", 390),
            Map.entry("settings-narrow", 390));
    // the live copy: slow enough that two frames a second apart see it grow, short enough to keep the test short
    private static final int LIVE_CHUNK = 384 * 1024;
    private static final int LIVE_CHUNKS = 24;
    private static final long LIVE_PAUSE_MILLIS = 100;

    @Test
    void anAdministratorManagesUsersGroupsAndSharesInTheBrowser(CisternProcess cistern) throws Exception {
        AdminApiClient api = new AdminApiClient(cistern);
        String admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
        String suffix = AdminApiIT.shortId();
        String dedupShare = shareWithRepeatedBlocks(cistern, api, admin, "e2e-dedup-" + suffix);
        ConsoleScript.installDependencies();
        String liveFile = "live-" + suffix + ".bin";
        Path liveTrigger = Path.of("target/e2e-live-" + suffix).toAbsolutePath();
        ConsoleScript.Run run;
        long started = System.nanoTime();
        ExecutorService copier = Executors.newSingleThreadExecutor();
        Future<Long> liveCopy = copier.submit(() -> copyWhenAsked(cistern, dedupShare, liveFile, liveTrigger));
        // held through the script, whose Adapters page must list it among the connected clients
        try (LoopbackRelay relay = new LoopbackRelay(InetAddress.getByName(BROWSER_ADDRESS), cistern.httpPort());
             SMBClient held = new SMBClient();
             DiskShare heldShare = (DiskShare) held.connect("127.0.0.1", cistern.smbPort())
                     .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))
                     .connectShare(dedupShare)) {
            run = ConsoleScript.runConsoleScript(Map.of("CISTERN_URL", relay.httpBase(),
                    "CISTERN_ADMIN_PASSWORD", CisternProcess.ADMIN_PASSWORD,
                    "SCREENSHOT_DIR", SCREENSHOTS.toString(), "E2E_SUFFIX", suffix,
                    "E2E_DEDUP_SHARE", dedupShare, "E2E_LIVE_FILE", liveFile,
                    "E2E_LIVE_TRIGGER", liveTrigger.toString()), SCRIPT_TIMEOUT);
        } finally {
            // the script sets the statistics job to run every 2 s and back; never leave that to the other classes
            api.put("schedules/stats", Json.createObjectBuilder().add("schedule", "off").build(), admin);
            // nor a listener it switched off, should it have failed before switching it on again
            for (String protocol : List.of("nfs", "smb")) {
                api.put("adapters/" + protocol, Json.createObjectBuilder().add("enabled", true).build(), admin);
            }
            if (!liveCopy.isDone()) {
                liveCopy.cancel(true); // the script failed before it asked for the copy
            }
            copier.shutdownNow();
            Files.deleteIfExists(liveTrigger);
        }
        System.out.printf("console script: %d s%n%s", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                run.output());

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(STEPS, run.output().lines().filter(line -> line.startsWith("ok - ")).count(), run.output());
        assertFalse(run.output().contains("not ok"), run.output());
        String user = "e2e-user-" + suffix;
        String group = "e2e-group-" + suffix;
        String share = "e2e-share-" + suffix;
        assertTrue(run.output().contains("created: {\"user\":\"" + user + "\",\"group\":\"" + group + "\",\"share\":\""
                + share + "\"}"), run.output());
        assertEquals((long) LIVE_CHUNK * LIVE_CHUNKS, liveCopy.get(), "the live copy's file size");
        assertMadeThroughTheConsole(api, admin, user, group, share);
        assertScreenshots();
    }

    /**
     * Once the script creates {@code trigger} (with the dashboard open), copies a file of 9 MiB over SMB in
     * {@value #LIVE_CHUNKS} writes spread over about 2.5 s; answers the file's size as the server then states it.
     */
    private static long copyWhenAsked(CisternProcess cistern, String share, String name, Path trigger)
            throws Exception {
        while (!Files.exists(trigger)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        byte[] chunk = new byte[LIVE_CHUNK];
        new Random(9).nextBytes(chunk);
        try (SMBClient client = new SMBClient()) {
            DiskShare disk = (DiskShare) client.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))
                    .connectShare(share);
            try (File file = disk.openFile(name, EnumSet.of(AccessMask.GENERIC_WRITE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_CREATE, EnumSet.of(SMB2CreateOptions.FILE_NON_DIRECTORY_FILE))) {
                for (int i = 0; i < LIVE_CHUNKS; i++) {
                    chunk[0] = (byte) i; // distinct blocks, so that nothing of it is deduplicated away
                    assertEquals(LIVE_CHUNK, file.write(chunk, (long) i * LIVE_CHUNK));
                    TimeUnit.MILLISECONDS.sleep(LIVE_PAUSE_MILLIS);
                }
            }
            return disk.getFileInformation(name).getStandardInformation().getEndOfFile();
        }
    }

    /** A new share holding one file of two identical blocks and a third, written over SMB: dedup 1.5. */
    private static String shareWithRepeatedBlocks(CisternProcess cistern, AdminApiClient api, String admin,
                                                  String name) throws Exception {
        Answer created = api.post("shares", Json.createObjectBuilder().add("name", name).build(), admin);
        assertEquals(201, created.status(), created.body());
        byte[] block = new byte[BLOCK];
        new Random(7).nextBytes(block);
        byte[] content = Arrays.copyOf(block, 3 * BLOCK);
        System.arraycopy(block, 0, content, BLOCK, BLOCK);
        new Random(8).nextBytes(block);
        System.arraycopy(block, 0, content, 2 * BLOCK, BLOCK);
        try (SMBClient client = new SMBClient()) {
            DiskShare disk = (DiskShare) client.connect("127.0.0.1", cistern.smbPort())
                    .authenticate(new AuthenticationContext("admin", CisternProcess.ADMIN_PASSWORD.toCharArray(), ""))
                    .connectShare(name);
            SmbFilesIT.write(disk, "repeated.bin", content);
            assertArrayEquals(content, SmbFilesIT.read(disk, "repeated.bin"));
        }
        return name;
    }

    private static void assertMadeThroughTheConsole(AdminApiClient api, String admin, String user, String group,
                                                    String share) throws Exception {
        Answer account = api.get("users/" + user, admin);
        assertEquals(200, account.status(), account.body());
        assertEquals("operator", account.json().getString("role"));
        assertTrue(account.json().getJsonArray("groups").getValuesAs(JsonString.class).stream()
                .anyMatch(g -> g.getString().equals(group)), account.body());
        Answer members = api.get("groups/" + group, admin);
        assertEquals(200, members.status(), members.body());
        assertEquals(user, members.json().getJsonArray("members").getString(0), members.body());
        Answer shared = api.get("shares/" + share, admin);
        assertEquals(200, shared.status(), shared.body());
        JsonObject permission = shared.json().getJsonArray("permissions").getJsonObject(0);
        assertEquals(Map.of("kind", "group", "principal", group, "level", "read-write"), Map.of(
                "kind", permission.getString("kind"), "principal", permission.getString("principal"),
                "level", permission.getString("level")), shared.body());
        assertEquals(1, shared.json().getJsonArray("permissions").size(), "the unknown group got no row");
        Answer audit = api.get("audit?limit=200", admin);
        List<JsonObject> events = audit.array().getValuesAs(JsonObject.class);
        for (boolean success : new boolean[] {false, true}) {
            assertTrue(events.stream().anyMatch(event -> event.getString("action").equals("auth.login")
                    && event.getString("actor").equals("admin") && event.getBoolean("success") == success
                    && event.getString("address").equals(BROWSER_ADDRESS)),
                    "the browser's " + (success ? "" : "failed ") + "login is in the audit log: " + audit.body());
        }
        assertTrue(events.stream().anyMatch(event ->
                event.getString("action").equals("schedule.set") && event.getString("target").equals("stats")
                        && "*/2 * * * * *".equals(event.getString("detail", null)) && event.getBoolean("success")),
                "the console's schedule change is in the audit log: " + audit.body());
        assertEquals(200, api.get("shares/e2e-renamed-" + share.substring("e2e-share-".length()), admin).status(),
                "renamed in the browser");
        assertEquals(404, api.get("shares/e2e-rename-" + share.substring("e2e-share-".length()), admin).status());
        for (String detail : List.of("CISTERN_GC_GRACE_SECONDS: 86400 -> 7200",
                "CISTERN_GC_GRACE_SECONDS: 7200 -> 86400 (default)",
                "CISTERN_JOURNAL_CAPACITY_MB: 1024 -> 512 (at the next start)",
                "CISTERN_JOURNAL_CAPACITY_MB: 512 -> 1024 (default, at the next start)")) {
            assertTrue(events.stream().anyMatch(event -> event.getString("action").equals("settings.change")
                    && detail.equals(event.getString("detail", null)) && event.getBoolean("success")),
                    "the console's setting change is in the audit log as '" + detail + "': " + audit.body());
        }
        Answer settings = api.get("settings", admin);
        assertTrue(settings.array().getValuesAs(JsonObject.class).stream().anyMatch(setting ->
                setting.getString("name").equals("CISTERN_GC_GRACE_SECONDS")
                        && setting.getString("source").equals("default")), "Reset removed the override");
        assertTrue(settings.array().getValuesAs(JsonObject.class).stream().anyMatch(setting ->
                setting.getString("name").equals("CISTERN_JOURNAL_CAPACITY_MB") && !setting.containsKey("pendingRestart")),
                "Reset removed the start-only override: " + settings.body());
    }

    private static void assertScreenshots() throws Exception {
        for (Map.Entry<String, Integer> expected : SCREENSHOT_WIDTHS.entrySet()) {
            Path png = SCREENSHOTS.resolve(expected.getKey() + ".png");
            assertTrue(Files.size(png) > 10_000, png + " is too small to show a page");
            try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
                byte[] signature = data.readNBytes(8);
                assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature, png
                        + " is a PNG");
                data.skipNBytes(8); // IHDR's length and type; its width comes next
                assertEquals(expected.getValue(), data.readInt(), png + " width");
            }
        }
    }
}
