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
        command.addAll(memoryDefaults(settings));
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
     * JVM options the block cache and the read path need, unless CISTERN_JAVA_OPTS sets them:
     * <ul>
     * <li>direct memory for the block cache (it lives outside the heap) plus the headroom the application keeps for
     * network and I/O buffers (PayloadEngine.DIRECT_HEADROOM, 1 GiB);</li>
     * <li>G1 regions of 16 MiB, so that a 4 MiB block being read or stored is an ordinary object: with the 1 MiB
     * regions of a 1 GiB heap, G1 treats every array from 512 KiB on as "humongous", allocates it in the old
     * generation and starts a marking cycle for it, which cost a 1 GiB sequential read a second of pauses.</li>
     * </ul>
     */
    static List<String> memoryDefaults(Settings settings) {
        List<String> options = new ArrayList<>();
        if (settings.javaOpts.stream().noneMatch(option -> option.startsWith("-XX:MaxDirectMemorySize="))) {
            options.add("-XX:MaxDirectMemorySize=" + (settings.cacheMebibytes + 1024) + "m");
        }
        if (settings.javaOpts.stream().noneMatch(option -> option.startsWith("-XX:G1HeapRegionSize="))) {
            options.add("-XX:G1HeapRegionSize=16m");
        }
        return options;
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
        // always set, empty without overrides: it also tells the application that a launcher applies them
        environment.put(StartOverridesFile.APPLIED_VARIABLE, StartOverridesFile.forApplication(settings.overrides));
        environment.put(Setting.DATA_DIR.envName(), data.root.toString());
        environment.put(Setting.DB_URL.envName(), database.url());
        environment.put(Setting.DB_USER.envName(), database.user());
        environment.put(Setting.DB_PASSWORD.envName(), database.password().reveal());
        environment.remove(Setting.ADMIN_PASSWORD.envName());
        settings.adminPassword.ifPresent(password -> environment.put(Setting.ADMIN_PASSWORD.envName(), password.reveal()));
        return environment;
    }
}
