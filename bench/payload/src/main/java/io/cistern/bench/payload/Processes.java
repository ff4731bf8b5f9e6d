package io.cistern.bench.payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The external programs the bench measures against or needs (dd, cat, sync, fincore). */
final class Processes {
    /** Lets the disk finish what the previous measurement left (write-back, deletions) before the next one. */
    private static final long SETTLE_MILLIS = 1000;

    private Processes() {
    }

    /**
     * Runs {@code command} to its end and returns what it printed (stdout and stderr together). The C
     * locale keeps dd's "copied, 1.23 s" parseable: other locales print a decimal comma.
     */
    static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(command.get(0) + " exited with " + exit + ": " + output.strip());
        }
        return output;
    }

    /** Is {@code program} on the PATH? */
    static boolean available(String program) throws InterruptedException {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + program).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes back everything dirty and rests, so that no measurement pays for the one before it. Each side
     * of a comparison is settled the same way.
     */
    static void settle() throws IOException, InterruptedException {
        run(List.of("sync"));
        Thread.sleep(SETTLE_MILLIS);
    }
}
