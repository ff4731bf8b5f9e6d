package io.cistern.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro as a child process. Its stdout and stderr are appended to {@code <data>/logs/server.log};
 * its pid is kept in {@code <data>/run/payara.pid} while it runs, so that a later launcher can stop it should
 * this one be killed outright.
 */
final class PayaraProcess {
    static final long STOP_WAIT_SECONDS = 60;

    private final Process process;
    private final Path pidFile;

    private PayaraProcess(Process process, Path pidFile) {
        this.process = process;
        this.pidFile = pidFile;
    }

    static PayaraProcess start(List<String> command, Map<String, String> environment, Path serverLog, Path pidFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close(); // Payara reads no input
        } catch (IOException e) {
            throw new LauncherException("cannot start Payara Micro (" + command.get(0) + "): " + e.getMessage());
        }
        try {
            PrivateFiles.write(pidFile, process.pid() + "\n");
        } catch (IOException e) {
            // only used to clean up after a killed launcher; Payara runs fine without it
        }
        return new PayaraProcess(process, pidFile);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** "exit code 1", or "killed by signal 9" for a process ended by a signal it did not handle. */
    String describeExit() {
        int code = exitCode();
        return code == 137 ? "killed by signal 9" : "exit code " + code;
    }

    /** Waits up to the given time for the process to end by itself. */
    boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /**
     * SIGTERM (Payara's shutdown hook stops the applications: the adapters close their listeners), then
     * SIGKILL if it has not ended after {@value #STOP_WAIT_SECONDS} s.
     */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                Console.error("Payara Micro did not stop within " + STOP_WAIT_SECONDS + " s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // checked against the live process by the next launcher anyway
        }
    }
}
