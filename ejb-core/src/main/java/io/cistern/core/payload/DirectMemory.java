package io.cistern.core.payload;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** How much memory this JVM lets direct buffers take: -XX:MaxDirectMemorySize, by default the heap's maximum. */
final class DirectMemory {
    private DirectMemory() {
    }

    static long limitBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long configured = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException e) {
            // not HotSpot, or the option is unknown: the JDK's own default
            return Runtime.getRuntime().maxMemory();
        }
    }
}
