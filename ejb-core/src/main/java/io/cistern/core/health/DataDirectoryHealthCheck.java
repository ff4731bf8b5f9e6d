package io.cistern.core.health;

import io.cistern.core.config.CisternSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the data directory exists, is writable, and has room left. */
@Readiness
@ApplicationScoped
public class DataDirectoryHealthCheck implements HealthCheck {
    /** Below this the journal could not take a single 4 MiB block plus its records. */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    @Override
    public HealthCheckResponse call() {
        Path directory = CisternSettings.dataDirectory();
        try {
            long free = Files.getFileStore(directory).getUsableSpace();
            boolean writable = Files.isDirectory(directory) && Files.isWritable(directory);
            return HealthCheckResponse.named("data-directory")
                    .status(writable && free >= MIN_FREE_BYTES)
                    .withData("path", directory.toString())
                    .withData("writable", writable)
                    .withData("freeBytes", free)
                    .build();
        } catch (IOException e) {
            return HealthCheckResponse.named("data-directory").down()
                    .withData("path", directory.toString()).withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
