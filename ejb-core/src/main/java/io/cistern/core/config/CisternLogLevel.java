package io.cistern.core.config;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The level of Cistern's own loggers (every {@code io.cistern.*} logger that sets none of its own, the adapters'
 * included: java.util.logging names are global to the JVM). Payara's handler passes FINE and above (the launcher's
 * logging.properties), so FINE, FINER and FINEST show only as far as that handler lets them.
 */
final class CisternLogLevel {
    /*
     * Held here: java.util.logging keeps loggers only weakly, and a collected logger would be made again at the next
     * getLogger without the level set on it.
     */
    private static final Logger CISTERN = Logger.getLogger("io.cistern");

    private CisternLogLevel() {
    }

    static void apply(Level level) {
        if (!level.equals(CISTERN.getLevel())) {
            CISTERN.setLevel(level);
        }
    }
}
