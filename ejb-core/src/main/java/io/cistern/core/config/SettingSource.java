package io.cistern.core.config;

/** Where a setting's value in effect comes from. */
public final class SettingSource {
    /** Neither set in the process nor overridden: the built-in default. */
    public static final String DEFAULT = "default";
    /** An environment variable, or the Java system property beside it. */
    public static final String ENVIRONMENT = "environment";
    /** Changed at run time through the admin API, stored in the database. */
    public static final String OVERRIDE = "override";

    private SettingSource() {
    }
}
