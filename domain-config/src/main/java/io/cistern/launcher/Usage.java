package io.cistern.launcher;

/** The text of {@code cistern help}, built from {@link Setting} so that it cannot miss a setting. */
final class Usage {
    private Usage() {
    }

    static String text() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: cistern [run] [-Dcistern.<setting>=<value> ...]   start Cistern; Ctrl-C or SIGTERM stops it\n");
        text.append("       cistern settings [list | reset NAME]             settings changed through the admin API for the\n");
        text.append("                                                        next start; reset removes one (server stopped)\n");
        text.append("       cistern help                                     show this text\n\n");
        text.append("Starts an embedded PostgreSQL (unless CISTERN_DB_URL is set), then Payara Micro with the NFS and\n");
        text.append("SMB adapters and the web application, and waits until every listener answers.\n\n");
        text.append("Settings: environment variables, or system properties (-D..., which win over them):\n");
        for (Setting setting : Setting.values()) {
            text.append(String.format("  %-24s -D%s%n", setting.envName(), setting.propertyName()));
            String defaultValue = setting.defaultValue() == null ? "" : " (default: " + setting.defaultValue() + ")";
            text.append("      ").append(setting.description()).append(defaultValue).append('\n');
        }
        text.append("\nAn admin may change the listeners, JVM options, thread counts, journal, cache, NLM grace and default\n");
        text.append("schedules through the admin API (PATCH /api/v1/settings): they are kept in start-settings.properties\n");
        text.append("in the data directory and win over the environment at the next start.\n");
        text.append("\nPasswords are best given as environment variables: a command line is visible to all local users.\n");
        text.append("Under the data directory: logs/server.log (Payara), logs/postgres.log, logs/launcher.log,\n");
        text.append("pg/ (the embedded database) and pg-credentials (its generated password, mode 0600).");
        return text.toString();
    }
}
