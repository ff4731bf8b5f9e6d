package io.cistern.core.service;

import io.cistern.core.config.CisternSettings;
import io.cistern.core.fs.FileHandles;
import io.cistern.core.model.Installation;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs the first-start installation when the application starts, then keeps the installation's
 * identity in memory: it never changes, and protocol handshakes must not cost a database round trip.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory only: the default (REQUIRED) began and committed a transaction for every call from outside one
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ServerIdentity {
    @EJB
    private Installer installer;

    private volatile UUID installationId;
    private volatile UUID smbServerGuid;
    private volatile FileHandles fileHandles;
    private final Instant startedAt = Instant.now();

    @PostConstruct
    void install() {
        createDataDirectory();
        Installation installation = installer.ensureInstalled();
        installationId = installation.getInstallationId();
        smbServerGuid = installation.getSmbServerGuid();
        fileHandles = new FileHandles(installation.getHandleSecret());
    }

    private static void createDataDirectory() {
        try {
            Files.createDirectories(CisternSettings.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + CisternSettings.dataDirectory(), e);
        }
    }

    public UUID installationId() {
        return installationId;
    }

    public UUID smbServerGuid() {
        return smbServerGuid;
    }

    /** Encodes and checks NFS file handles under this installation's secret. */
    public FileHandles fileHandles() {
        return fileHandles;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
