package io.cistern.it;

import static io.cistern.it.DatabaseRestartIT.RECOVERY_BOUND;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Polls of a running Cistern's /health and /metrics until they show a server at rest after the database's return. */
final class CisternHttpPolls {
    /** From the database's return to an empty upload queue (the scheduler backs off up to 5 s after a failure). */
    private static final Duration UPLOAD_BOUND = Duration.ofSeconds(45);
    private static final Pattern UPLOAD_PENDING =
            Pattern.compile("^\\S*cistern_upload_files_pending(?:\\{[^}]*\\})?\\s+(\\S+)", Pattern.MULTILINE);

    private final CisternProcess cistern;

    CisternHttpPolls(CisternProcess cistern) {
        this.cistern = cistern;
    }

    /** Polls /health until its database check is UP. */
    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        while (true) {
            var response = Http.get(cistern.httpBase() + "/health");
            String last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health not UP " + RECOVERY_BOUND + " after the database came back: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** Polls the upload queue's gauge until no file has writes left in the journal only. */
    void awaitUploadsDrained(String when) throws Exception {
        long deadline = System.nanoTime() + UPLOAD_BOUND.toNanos();
        while (true) {
            String metrics = Http.get(cistern.httpBase() + "/metrics").body();
            Matcher pending = UPLOAD_PENDING.matcher(metrics);
            if (!pending.find()) {
                throw new AssertionError("no cistern_upload_files_pending gauge in /metrics:\n" + metrics.lines()
                        .filter(line -> line.contains("cistern")).collect(Collectors.joining("\n")));
            }
            String last = pending.group(1);
            if (Double.parseDouble(last) == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(last + " files still wait for their upload " + UPLOAD_BOUND + " " + when
                        + ": the upload job does not run\n--- server.log tail ---\n" + cistern.serverLogTail());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }
}
