package io.cistern.core.config;

/**
 * One setting changed at run time: its values in effect before and after (never a secret: no runtime setting is one).
 *
 * @param name     the environment name, e.g. {@code CISTERN_SMB_SIGNING_REQUIRED}
 * @param oldValue the value in effect before
 * @param newValue the value in effect after (the environment's or the default once an override is removed)
 * @param source   where the new value comes from: {@code override}, {@code environment} or {@code default}
 */
public record SettingChange(String name, String oldValue, String newValue, String source) {
    /** "NAME: old -> new" for the audit log. */
    public String describe() {
        return name + ": " + oldValue + " -> " + newValue + (SettingSource.OVERRIDE.equals(source) ? "" : " (" + source + ")");
    }
}
