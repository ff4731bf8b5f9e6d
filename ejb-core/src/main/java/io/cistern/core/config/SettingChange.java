package io.cistern.core.config;

/**
 * One setting changed through the API: its values before and after (never a secret: no changeable setting is one).
 *
 * @param name        the environment name, e.g. {@code CISTERN_SMB_SIGNING_REQUIRED}
 * @param oldValue    the value in effect before (for a start-only setting: the value the next start would have used)
 * @param newValue    the value in effect after (the environment's or the default once an override is removed; for a
 *                    start-only setting, the value of the next start)
 * @param source      where the new value comes from: {@code override}, {@code environment} or {@code default}
 * @param atNextStart whether the change waits for the next start (a {@link StartSetting})
 */
public record SettingChange(String name, String oldValue, String newValue, String source, boolean atNextStart) {
    /** A change that counts at once. */
    public SettingChange(String name, String oldValue, String newValue, String source) {
        this(name, oldValue, newValue, source, false);
    }

    /** "NAME: old -> new", with where the new value comes from unless an override, and when it counts, for the audit log. */
    public String describe() {
        String from = SettingSource.OVERRIDE.equals(source) ? null : source;
        String when = atNextStart ? "at the next start" : null;
        String note = from == null ? when : when == null ? from : from + ", " + when;
        return name + ": " + oldValue + " -> " + newValue + (note == null ? "" : " (" + note + ")");
    }
}
