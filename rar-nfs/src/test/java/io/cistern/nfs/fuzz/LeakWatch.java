package io.cistern.nfs.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Netty's leak detector at PARANOID (every buffer tracked, every access recorded), its reports collected instead of
 * only logged. Netty reports a leak by logging "LEAK: ..." at ERROR through its internal logger, which in this module
 * (no SLF4J or Log4j on the test class path) is java.util.logging; so a handler on that logger sees every report,
 * whichever detector instance made it and whenever Netty's buffer classes were loaded (a custom
 * {@code ResourceLeakDetectorFactory} would only take effect if installed before them).
 * <p>
 * The detector learns of a leak only once the buffer was garbage-collected, and says so on a later allocation: hence
 * {@link #collectAndCheck}, which forces that, and {@link TrackingAllocator}, which catches leaks per input without it.
 */
final class LeakWatch {
    private static final Logger NETTY_LEAK_LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());
    private static final List<String> REPORTS = new ArrayList<>();
    private static final Handler COLLECTOR = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (REPORTS) {
                    REPORTS.add(record.getMessage() + (record.getParameters() == null ? ""
                            : " " + java.util.Arrays.toString(record.getParameters())));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static ResourceLeakDetector.Level previousLevel;

    private LeakWatch() {
    }

    /** PARANOID and the collector on; call once before the inputs (a fuzz test's {@code @BeforeAll}). */
    static synchronized void start() {
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory)) {
            throw new IllegalStateException("Netty logs through " + InternalLoggerFactory.getDefaultFactory()
                    + ", not java.util.logging: LeakWatch would not see its leak reports");
        }
        if (previousLevel == null) {
            previousLevel = ResourceLeakDetector.getLevel();
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            NETTY_LEAK_LOGGER.addHandler(COLLECTOR);
        }
    }

    /** The detector back to its level before {@link #start} (other tests may share the JVM). */
    static synchronized void stop() {
        if (previousLevel != null) {
            NETTY_LEAK_LOGGER.removeHandler(COLLECTOR);
            ResourceLeakDetector.setLevel(previousLevel);
            previousLevel = null;
        }
    }

    /** Leak reports so far, then forgets them. */
    static List<String> drain() {
        synchronized (REPORTS) {
            List<String> reports = new ArrayList<>(REPORTS);
            REPORTS.clear();
            return reports;
        }
    }

    /**
     * Collects garbage and allocates a few tracked buffers, which is when the detector looks at what was collected
     * unreleased; then returns every report so far. Costs a full GC: call it now and then, not per input.
     */
    static List<String> collectAndCheck() {
        UnpooledByteBufAllocator probe = new UnpooledByteBufAllocator(true);   // direct: heap ones are not tracked
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 16; i++) {
                ByteBuf buf = probe.directBuffer(8);
                buf.release();
            }
        }
        return drain();
    }
}
