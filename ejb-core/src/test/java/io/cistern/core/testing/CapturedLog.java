package io.cistern.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one java.util.logging logger publishes while this is attached, for tests that check what was logged (or that
 * nothing was). Attached by {@link #of}, detached by {@link #close}. It holds the logger, which the logging framework
 * itself keeps only weakly: otherwise the logger could be collected and made anew without this handler.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    /** Captures the logger named after {@code source}, as the classes under test name theirs. */
    public static CapturedLog of(Class<?> source) {
        Logger logger = Logger.getLogger(source.getName());
        CapturedLog captured = new CapturedLog(logger);
        logger.addHandler(captured);
        return captured;
    }

    /** Every record published since attached, oldest first. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records of {@code level} or above. */
    public List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Detaches from the logger. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
