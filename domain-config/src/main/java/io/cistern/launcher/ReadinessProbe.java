package io.cistern.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waits until Cistern serves: {@code /api/v1/status} lists NFS and SMB as LISTENING (or DISABLED: switched off by
 * an administrator, which health counts as ready too) and {@code /health} answers 200 (UP). Gives up early, with the most telling log line, when Payara exits, when a deployment fails, or
 * when the timeout passes.
 */
final class ReadinessProbe {
    private static final long POLL_MILLIS = 500;
    private static final List<String> REQUIRED_PROTOCOLS = List.of("NFS", "SMB");

    /** Thrown when a stop was requested (Ctrl-C, SIGTERM) while waiting: not a failure. */
    static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    private final PayaraProcess payara;
    private final ServerLogScanner log;
    private final Path logFile;
    private final HttpProbe http;
    private final Set<String> expectedApplications;
    private final BooleanSupplier stopRequested;
    private String lastState = "no answer from the server yet";

    ReadinessProbe(PayaraProcess payara, ServerLogScanner log, Path logFile, HttpProbe http,
                   List<String> expectedApplications, BooleanSupplier stopRequested) {
        this.payara = payara;
        this.log = log;
        this.logFile = logFile;
        this.http = http;
        this.expectedApplications = new LinkedHashSet<>(expectedApplications);
        this.stopRequested = stopRequested;
    }

    /** The listeners as the server reports them, once ready. */
    List<StatusJson.Listener> await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServerLogAnalysis analysis = log.poll();
            if (stopRequested.getAsBoolean()) {
                throw new StopRequested();
            }
            failOnBrokenStart(analysis);
            Optional<List<StatusJson.Listener>> ready = probe();
            if (ready.isPresent()) {
                return ready.get();
            }
            if (System.nanoTime() > deadline) {
                throw failure("Cistern was not ready after " + timeout.toSeconds() + " s (" + lastState + ")", analysis);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void failOnBrokenStart(ServerLogAnalysis analysis) throws InterruptedException {
        if (!payara.isAlive()) {
            payara.awaitExit(1, TimeUnit.SECONDS);
            if (stopRequested.getAsBoolean()) {
                throw new StopRequested();
            }
            ServerLogAnalysis last = log.poll();
            String detail = last.relevantLine().or(last::lastLine).map(line -> ": " + line).orElse("");
            throw new LauncherException("Payara Micro exited during startup (" + payara.describeExit() + ")"
                    + detail + " (see " + logFile + ")");
        }
        if (analysis.failedBootCommand().isPresent()) {
            throw new LauncherException("an asadmin boot command failed: " + analysis.failedBootCommand().get()
                    + " (see " + logFile + ")");
        }
        if (analysis.deploymentFailed()) {
            throw failure("a deployment failed", analysis);
        }
        if (analysis.ready()) {
            Set<String> missing = new LinkedHashSet<>(expectedApplications);
            missing.removeAll(analysis.deployedApplications());
            if (!missing.isEmpty()) {
                throw failure("deployment of " + String.join(", ", missing) + " failed", analysis);
            }
        }
    }

    /** The listeners when everything is up; empty (and {@link #lastState} updated) otherwise. */
    private Optional<List<StatusJson.Listener>> probe() {
        Optional<HttpProbe.Answer> status = http.get("/api/v1/status");
        if (status.isEmpty() || !status.get().ok()) {
            lastState = status.map(answer -> "/api/v1/status answers " + answer.status())
                    .orElse("no answer from the server yet");
            return Optional.empty();
        }
        List<StatusJson.Listener> listeners = StatusJson.listeners(status.get().body());
        boolean allListening = REQUIRED_PROTOCOLS.stream().allMatch(protocol -> listeners.stream()
                .anyMatch(listener -> listener.protocol().equalsIgnoreCase(protocol)
                        && (listener.listening() || listener.disabled())));
        Optional<HttpProbe.Answer> health = http.get("/health");
        boolean healthy = health.map(HttpProbe.Answer::ok).orElse(false);
        lastState = describe(listeners) + "; health " + health.map(answer -> answer.ok() ? "UP" : "answers " + answer.status())
                .orElse("does not answer");
        return allListening && healthy ? Optional.of(listeners) : Optional.empty();
    }

    private static String describe(List<StatusJson.Listener> listeners) {
        if (listeners.isEmpty()) {
            return "status lists no listeners";
        }
        return listeners.stream().map(listener -> listener.protocol() + " " + listener.state())
                .collect(Collectors.joining(", "));
    }

    private LauncherException failure(String what, ServerLogAnalysis analysis) {
        String detail = analysis.relevantLine().map(line -> ": " + line).orElse("");
        return new LauncherException(what + detail + " (see " + logFile + ")");
    }
}
