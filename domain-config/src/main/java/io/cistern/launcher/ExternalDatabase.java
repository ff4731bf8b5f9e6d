package io.cistern.launcher;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Checks that the database given by CISTERN_DB_URL answers, and is a PostgreSQL Cistern's statements run on,
 * before Payara is started; an unreachable database would otherwise surface as a failed deployment minutes
 * later, and an older server as statements failing one by one while clients are served.
 */
final class ExternalDatabase {
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** The block index reads a row's old values with {@code RETURNING old}, new in PostgreSQL 18. */
    static final int MINIMUM_MAJOR_VERSION = 18;

    private ExternalDatabase() {
    }

    static DatabaseTarget check(Settings settings) {
        DatabaseTarget target = new DatabaseTarget(settings.dbUrl.orElseThrow(), settings.dbUser,
                settings.dbPassword.orElse(Secret.of("")));
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        properties.setProperty("password", target.password().reveal());
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try (Connection connection = DriverManager.getConnection(target.url(), properties)) {
            if (!connection.isValid(CONNECT_TIMEOUT_SECONDS)) {
                throw new SQLException("connection is not usable");
            }
            DatabaseMetaData server = connection.getMetaData();
            requireSupported(server.getDatabaseProductName(), server.getDatabaseMajorVersion(),
                    server.getDatabaseProductVersion(), target.redactedUrl());
        } catch (SQLException e) {
            throw new LauncherException("cannot connect to the database at " + target.redactedUrl()
                    + " as user '" + target.user() + "': " + scrub(firstLine(e.getMessage()), target));
        }
        return target;
    }

    static void requireSupported(String product, int majorVersion, String version, String where) {
        if (!"PostgreSQL".equals(product) || majorVersion < MINIMUM_MAJOR_VERSION) {
            throw new LauncherException("the database at " + where + " is " + product + " " + version
                    + "; Cistern needs PostgreSQL " + MINIMUM_MAJOR_VERSION + " or later");
        }
    }

    /** Driver messages may quote the URL ("No suitable driver found for ..."): keep secrets out of them. */
    private static String scrub(String message, DatabaseTarget target) {
        String scrubbed = message.replace(target.url(), target.redactedUrl());
        String password = target.password().reveal();
        return password.isEmpty() ? scrubbed : scrubbed.replace(password, "****");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
