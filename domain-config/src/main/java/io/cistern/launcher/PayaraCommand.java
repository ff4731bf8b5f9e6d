package io.cistern.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of the Payara Micro child process. Secrets go into the environment
 * only: a command line is visible to every local user in {@code ps}.
 */
final class PayaraCommand {
    private PayaraCommand() {
    }

    /**
     * {@code java <CISTERN_JAVA_OPTS> ... -jar payara-micro.jar ...}. Options chosen from what Micro 6 does:
     * <ul>
     * <li>{@code --nocluster}, not {@code --nohazelcast}: the latter also sets the EJB timer service to
     * "Dummy", which fails every deployment with a persistent timer. With clustering off, Hazelcast still
     * opens a member port (6900), by default on all interfaces; {@code hazelcast.socket.bind.any=false} plus
     * the interface set in the pre-boot file keep it on 127.0.0.1;</li>
     * <li>{@code --rootdir}: Micro's configuration and unpacked runtime live under {@code <data>/run/payara}
     * instead of /tmp. Micro keeps domain.xml there across runs, so the launcher empties that directory before
     * each start and the command files always start from Micro's built-in configuration;</li>
     * <li>{@code --deploy <war>:/}: Micro's "file:contextroot" form, the one way that puts the web
     * application at "/" while /health, /metrics and /openapi keep working.</li>
     * </ul>
     */
    static List<String> commandLine(Settings settings, Distribution distribution, DataDirectory data,
                                    CommandFiles.Rendered commandFiles) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOpts);
        command.add("-Dhazelcast.socket.bind.any=false");
        command.add("-Dcistern.data.dir=" + data.root);
        command.addAll(List.of("-jar", distribution.payaraJar().toString(),
                "--nocluster",
                "--disablephonehome",
                "--name", "cistern",
                "--rootdir", data.payaraRoot().toString(),
                "--logproperties", distribution.config("logging.properties").toString(),
                "--port", Integer.toString(settings.http.port()),
                "--addlibs", distribution.jdbcDriver().toString(),
                "--prebootcommandfile", commandFiles.preBoot().toString(),
                "--postbootcommandfile", commandFiles.postBoot().toString(),
                "--deploy", distribution.nfsAdapter().toString(),
                "--deploy", distribution.smbAdapter().toString(),
                "--deploy", distribution.webApplication() + ":/"));
        return command;
    }

    /**
     * The launcher's environment plus the database target and the data directory. The post-boot file reads
     * CISTERN_DB_URL, CISTERN_DB_USER and CISTERN_DB_PASSWORD from here; the application reads
     * CISTERN_ADMIN_PASSWORD (only present when given to the launcher).
     */
    static Map<String, String> environment(Map<String, String> inherited, Settings settings, DatabaseTarget database,
                                           DataDirectory data) {
        Map<String, String> environment = new HashMap<>(inherited);
        environment.putAll(settings.forApplication);
        environment.put(Setting.DATA_DIR.envName(), data.root.toString());
        environment.put(Setting.DB_URL.envName(), database.url());
        environment.put(Setting.DB_USER.envName(), database.user());
        environment.put(Setting.DB_PASSWORD.envName(), database.password().reveal());
        environment.remove(Setting.ADMIN_PASSWORD.envName());
        settings.adminPassword.ifPresent(password -> environment.put(Setting.ADMIN_PASSWORD.envName(), password.reveal()));
        return environment;
    }
}
