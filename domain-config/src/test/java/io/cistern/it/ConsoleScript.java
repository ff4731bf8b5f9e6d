package io.cistern.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The browser test's node script ({@code src/test/e2e/console.mjs}) and what it needs: node, Debian's chromium, and
 * playwright-core from npm, installed with {@code npm ci} from the committed lock file when {@code node_modules} is
 * missing, so that {@code ./mvnw verify} works on a clean machine that has the Debian packages.
 */
final class ConsoleScript {
    /** Where the script and its package files are, relative to the module (failsafe's working directory). */
    static final Path DIRECTORY = Path.of("src/test/e2e").toAbsolutePath();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    /** What a run printed (stdout and stderr together) and how it ended. */
    record Run(int exitCode, String output) {
    }

    private ConsoleScript() {
    }

    /** Installs playwright-core unless it is there; fails with npm's output when that does not work. */
    static void installDependencies() throws IOException, InterruptedException {
        if (Files.exists(DIRECTORY.resolve("node_modules/playwright-core/package.json"))) {
            return;
        }
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT);
        if (install.exitCode() != 0) {
            throw new AssertionError("npm ci in " + DIRECTORY + " failed (" + install.exitCode() + "):\n"
                    + install.output());
        }
    }

    /** Runs {@code node console.mjs} with these variables; a run that outlives the timeout is killed and fails. */
    static Run runConsoleScript(Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        return runScript("console.mjs", environment, timeout);
    }

    /** Runs {@code node <script>} of the e2e folder with these variables, as {@link #runConsoleScript} does. */
    static Run runScript(String script, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " is missing: install Debian's chromium package (.ci/run does), or "
                    + "set CHROMIUM_PATH");
        }
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("CHROMIUM_PATH", CHROMIUM.toString());
        return run(List.of("node", script), variables, timeout);
    }

    private static Run run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + "; it printed:\n"
                    + output.getNow("(nothing yet)"));
        }
        return new Run(process.exitValue(), output.join());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output lost: " + e + ")";
        }
    }
}
