package io.cistern.launcher;

import java.util.regex.Pattern;

/**
 * The database Payara connects to: given by CISTERN_DB_URL, or the embedded PostgreSQL. It reaches the
 * Payara process only through that process's environment (the post-boot file refers to it with
 * {@code ${ENV=...}}), so the password is never on a command line or in a file.
 */
record DatabaseTarget(String url, String user, Secret password) {
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#@]*@");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;][^=&;#]*password[^=&;#]*)=[^&;#]*");

    /** The URL for messages: user info and any {@code *password*} parameter masked. */
    String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll("//****@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1=****");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + redactedUrl() + ", user " + user + "]";
    }
}
