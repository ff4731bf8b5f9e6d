package io.cistern.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Sends java.util.logging (and through slf4j-jdk14, zonky's logging) to {@code <data>/logs/launcher.log},
 * never to the terminal, which belongs to the launcher's own lines.
 */
final class LauncherLogging {
    private LauncherLogging() {
    }

    static void install(Path logFile) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        try {
            root.addHandler(new FlushingFileHandler(logFile));
        } catch (IOException e) {
            // without a log file the launcher still runs; its lines on the terminal are what matters
        }
    }

    /** Appends and flushes each record, so that the file is complete even after kill -9. */
    private static final class FlushingFileHandler extends StreamHandler {
        FlushingFileHandler(Path file) throws IOException {
            super(new FileOutputStream(file.toFile(), true), new SimpleFormatter());
        }

        @Override
        public synchronized void publish(LogRecord logRecord) {
            super.publish(logRecord);
            flush();
        }
    }
}
