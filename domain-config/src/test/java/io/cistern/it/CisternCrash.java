package io.cistern.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SIGKILL for a whole running Cistern: the launcher, Payara Micro and PostgreSQL with all its backends, so that
 * none of them gets a chance to flush, sync or shut down, as after a crash of the machine's processes (the page
 * cache survives, as it does when only processes die).
 * <p>
 * PostgreSQL is not below the launcher in the process tree: pg_ctl starts the postmaster in a session of its
 * own and exits, so the postmaster is found through {@code pg/postmaster.pid}, as the launcher itself does.
 */
final class CisternCrash {
    private CisternCrash() {
    }

    /**
     * Every process of the instance, in kill order: Payara first, so that no reply leaves after the database
     * is gone (a client would see an error rather than a dead server), then the launcher, then PostgreSQL.
     */
    static Map<ProcessHandle, String> processesOf(CisternProcess cistern) {
        Map<ProcessHandle, String> processes = new LinkedHashMap<>();
        ProcessHandle launcher = cistern.process().toHandle();
        launcher.descendants().forEach(child -> processes.put(child, "payara"));
        processes.put(launcher, "launcher");
        ProcessHandle postmaster = postmasterOf(cistern.dataDirectory()).orElseThrow(() -> new AssertionError(
                "no live postmaster named by " + cistern.dataDirectory().resolve("pg/postmaster.pid")));
        postmaster.descendants().forEach(child -> processes.putIfAbsent(child, "postgres child"));
        processes.putIfAbsent(postmaster, "postmaster");
        return processes;
    }

    /** SIGKILLs them all back to back, then waits until each has ended; returns what it killed, for the log. */
    static String killAll(Map<ProcessHandle, String> processes, Duration timeout) throws InterruptedException {
        List<ProcessHandle> killed = new ArrayList<>();
        for (ProcessHandle process : processes.keySet()) {
            if (process.destroyForcibly()) {
                killed.add(process);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes.keySet()) {
            while (process.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still alive " + timeout + " after SIGKILL: " + processes.get(process)
                            + " pid " + process.pid());
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        killed.forEach(process -> counts.merge(processes.get(process), 1, Integer::sum));
        return counts.toString();
    }

    /** Waits until each port can be bound again (with SO_REUSEADDR, as the launcher's own check does). */
    static void awaitPortsFree(List<Integer> ports, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (!bindable(port)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " still taken " + timeout + " after the kill");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("pg/postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
