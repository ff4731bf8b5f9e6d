package io.cistern.core.gc;

import io.cistern.core.config.CisternSettings;

/**
 * Garbage collection's settings, which {@link CisternSettings} reads like every other (a system property, else an
 * environment variable, else the default). Read when a collection starts, so a change applies to the next one.
 */
public final class GcSettings {
    private GcSettings() {
    }

    /** How many seconds a block stays unreferenced, or an object unknown, before it may be deleted. */
    public static long graceSeconds() {
        return CisternSettings.gcGraceSeconds();
    }
}
