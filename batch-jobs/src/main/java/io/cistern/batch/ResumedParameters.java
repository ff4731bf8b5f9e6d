package io.cistern.batch;

import java.util.Map;
import java.util.Properties;

/**
 * The parameters of a start that resumes an interrupted run instead of beginning anew (as the audit and garbage
 * collection do): the batch runtime restarts a run with the parameters it began with, and a caller who asked for
 * something else (an audit with repair) must hear that, not get a run that silently ignores it.
 */
public final class ResumedParameters {
    private ResumedParameters() {
    }

    /**
     * Refuses the start when a parameter the job knows was asked for with another value than the interrupted run has
     * (its own, or the job's default where it had none). {@code known} maps each such name to its default; a default
     * of "true" or "false" makes the parameter a flag, compared as the job reads it. Parameters the job does not know
     * are ignored, as they are on a fresh start.
     */
    public static void requireSame(String job, long interrupted, Properties resumedWith, Properties asked,
                                   Map<String, String> known) {
        for (Map.Entry<String, String> parameter : known.entrySet()) {
            String name = parameter.getKey();
            String askedValue = asked.getProperty(name);
            if (askedValue == null) {
                continue;
            }
            String earlier = resumedWith == null ? null : resumedWith.getProperty(name);
            String effective = normal(earlier == null ? parameter.getValue() : earlier, parameter.getValue());
            if (!normal(askedValue, parameter.getValue()).equals(effective)) {
                throw new ResumeConflictException(job, interrupted, name, askedValue.trim(), effective);
            }
        }
    }

    private static String normal(String value, String defaultValue) {
        boolean flag = "true".equals(defaultValue) || "false".equals(defaultValue);
        return flag ? Boolean.toString(Boolean.parseBoolean(value.trim())) : value.trim();
    }
}
