package io.cistern.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The installed distribution the launcher runs from ({@code domain-config/target/cistern/} after a build):
 * <pre>
 * lib/cistern-launcher.jar (+ its libraries)   runtime/payara-micro.jar   jdbc/postgresql.jar
 * deploy/rar-nfs.rar  deploy/rar-smb.rar  deploy/cistern.war          config/*.asadmin, logging.properties
 * </pre>
 * Found from the launcher jar's own location; the system property {@code cistern.home} overrides that.
 */
final class Distribution {
    /** The web application; deployed at context root "/" under the application name "cistern". */
    static final String WEB_APPLICATION = "cistern";

    final Path home;

    Distribution(Path home) {
        this.home = home;
    }

    static Distribution locate() {
        String override = System.getProperty("cistern.home");
        if (override != null && !override.isBlank()) {
            return new Distribution(Path.of(override).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(jar.getParent().getParent());
        } catch (URISyntaxException | RuntimeException e) {
            throw new LauncherException("cannot tell where the Cistern distribution is; set -Dcistern.home");
        }
    }

    Path payaraJar() {
        return home.resolve("runtime/payara-micro.jar");
    }

    Path jdbcDriver() {
        return home.resolve("jdbc/postgresql.jar");
    }

    Path nfsAdapter() {
        return home.resolve("deploy/rar-nfs.rar");
    }

    Path smbAdapter() {
        return home.resolve("deploy/rar-smb.rar");
    }

    Path webApplication() {
        return home.resolve("deploy/" + WEB_APPLICATION + ".war");
    }

    Path config(String fileName) {
        return home.resolve("config").resolve(fileName);
    }

    /** Application names as Payara Micro reports them: the file names without extension. */
    List<String> applicationNames() {
        return List.of("rar-nfs", "rar-smb", WEB_APPLICATION);
    }

    /** Fails with the first missing file, before anything is started. */
    void verify() {
        for (Path required : List.of(payaraJar(), jdbcDriver(), config(CommandFiles.PREBOOT_TEMPLATE),
                config(CommandFiles.POSTBOOT_TEMPLATE), config("logging.properties"),
                nfsAdapter(), smbAdapter(), webApplication())) {
            if (!Files.isRegularFile(required)) {
                throw new LauncherException("the Cistern distribution in " + home + " is incomplete: " + required
                        + " is missing (build the whole project: ./mvnw package)");
            }
        }
    }
}
