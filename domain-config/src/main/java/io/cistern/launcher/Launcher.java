package io.cistern.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@code run} command: checks, starts PostgreSQL (embedded) and Payara Micro, waits until ready, then runs
 * until stopped. Stopping always goes Payara first (it holds database connections), then PostgreSQL, then the
 * lock; {@link #stopAll()} is safe to call from any thread, any number of times.
 * <p>
 * Starting steps run under the same monitor as {@link #stopAll()}: a Ctrl-C during, say, PostgreSQL's start
 * waits until that step is done and then stops what it started, instead of racing it.
 */
final class Launcher {
    private final Settings settings;
    private final Distribution distribution;
    private final Object lifecycle = new Object();
    private volatile boolean stopRequested;
    private boolean stopped;
    private InstanceLock lock;
    private EmbeddedDatabase database;
    private PayaraProcess payara;
    private DataDirectory data;

    Launcher(Settings settings, Distribution distribution) {
        this.settings = settings;
        this.distribution = distribution;
    }

    /** Starts everything and waits until ready; returns the exit code once Payara has ended. */
    int run() throws InterruptedException {
        distribution.verify();
        data = DataDirectory.prepare(settings.dataDir);
        LauncherLogging.install(data.logs().resolve("launcher.log"));
        Console.info("Starting Cistern (data: " + data.root + ")");
        lock = step(() -> InstanceLock.acquire(data.lockFile()));
        LeftoverProcesses.stopPayara(data.payaraPidFile(), data.payaraRoot());
        LeftoverProcesses.stopPostmaster(data.postgresCluster());
        PortCheck.requireFree(settings.endpoints());
        Optional<TlsKeystore.Opened> tls = settings.https.map(https -> TlsKeystore.open(https.keystore(),
                https.password()));
        DatabaseTarget target = settings.embeddedDatabase()
                ? step(() -> database = EmbeddedDatabase.start(data)).target()
                : ExternalDatabase.check(settings);
        CommandFiles.Rendered commandFiles = CommandFiles.write(distribution, data, settings,
                tls.map(TlsKeystore.Opened::alias).orElse(null));
        emptyPayaraRoot();
        ServerLogScanner log = ServerLogScanner.fromEndOf(data.serverLog());
        payara = step(() -> PayaraProcess.start(
                PayaraCommand.commandLine(settings, distribution, data, commandFiles),
                PayaraCommand.environment(System.getenv(), settings, target, data),
                data.serverLog(), data.payaraPidFile()));
        // with HTTPS, ready means it answers over TLS with the configured certificate
        HttpProbe http = tls.map(opened -> new HttpProbe(HttpProbe.baseUrl("https", settings.http.bindAddress(),
                        settings.https.orElseThrow().endpoint().port()), opened.trustingItsCertificate()))
                .orElseGet(() -> new HttpProbe(HttpProbe.baseUrl(settings.http.bindAddress(), settings.http.port())));
        List<StatusJson.Listener> listeners = new ReadinessProbe(payara, log, data.serverLog(), http,
                distribution.applicationNames(), () -> stopRequested).await(settings.readyTimeout);
        printReady(listeners);
        AdminPasswordNotice.showOnce(data.initialAdminPassword());
        return awaitPayaraExit(log);
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Marks the launcher as stopping, so that the main thread treats what follows as a stop, not a crash. */
    void requestStop() {
        stopRequested = true;
    }

    /** Payara (SIGTERM, then SIGKILL after 60 s), then PostgreSQL (pg_ctl stop), then the lock. */
    void stopAll() {
        requestStop();
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (payara != null) {
                payara.stop();
            }
            if (database != null) {
                database.close();
            }
            if (lock != null) {
                lock.close();
            }
        }
    }

    private <T> T step(Supplier<T> start) {
        synchronized (lifecycle) {
            if (stopRequested) {
                throw new ReadinessProbe.StopRequested();
            }
            return start.get();
        }
    }

    /** Micro keeps domain.xml in its root directory; each run starts from its built-in one instead. */
    private void emptyPayaraRoot() {
        Path root = data.payaraRoot();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new LauncherException("cannot empty Payara's directory " + root + ": " + DataDirectory.reason(e));
        }
    }

    private void printReady(List<StatusJson.Listener> listeners) {
        List<String> order = List.of("NFS", "SMB");
        List<StatusJson.Listener> sorted = listeners.stream()
                .sorted(Comparator.comparingInt(listener -> order.contains(listener.protocol())
                        ? order.indexOf(listener.protocol()) : order.size()))
                .toList();
        for (StatusJson.Listener listener : sorted) {
            Console.info(listener.disabled()
                    ? String.format(Locale.ROOT, "%-5s switched off (%s closed; PUT /api/v1/adapters/%s to switch on)",
                            listener.protocol(), listener.address(), listener.protocol().toLowerCase(Locale.ROOT))
                    : String.format(Locale.ROOT, "%-5s listening on %s", listener.protocol(), listener.address()));
        }
        if (settings.httpOn) {
            String httpUrl = "http://" + HttpProbe.urlHost(settings.http.bindAddress()) + ":" + settings.http.port();
            Console.info(String.format(Locale.ROOT, "%-5s listening on %s", "HTTP", httpUrl));
        }
        settings.https.ifPresent(https -> Console.info(String.format(Locale.ROOT, "%-5s listening on https://%s:%d",
                "HTTPS", HttpProbe.urlHost(settings.http.bindAddress()), https.endpoint().port())));
        double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        Console.info(String.format(Locale.ROOT, "Cistern ready in %.1f s (data: %s, log: %s)", seconds, data.root,
                data.serverLog()));
    }

    /**
     * Blocks while Payara runs. Its end is only a failure when no stop was requested: Ctrl-C reaches Payara
     * (same process group) a moment before the launcher's own handler has run, hence the short grace.
     */
    private int awaitPayaraExit(ServerLogScanner log) throws InterruptedException {
        while (!payara.awaitExit(1, TimeUnit.SECONDS)) {
            if (stopRequested) {
                return 0;
            }
        }
        Thread.sleep(1000);
        if (stopRequested) {
            return 0;
        }
        // after SIGKILL the log cannot say why; otherwise its last line usually does (an error, an OOM)
        String detail = payara.exitCode() == 137 ? "" : log.poll().lastLine().map(line -> ": " + line).orElse("");
        throw new LauncherException("Payara Micro exited unexpectedly (" + payara.describeExit() + ")" + detail
                + " (see " + data.serverLog() + ")");
    }
}
