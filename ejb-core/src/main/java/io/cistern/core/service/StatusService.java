package io.cistern.core.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/** The server's status: version, uptime, installation, shares, listeners. */
@Stateless
public class StatusService {
    private static final String VERSION = readVersion();

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    @EJB
    private ServerIdentity identity;

    @EJB
    private ListenerRegistry listeners;

    public ServerStatus status() {
        return new ServerStatus(VERSION,
                Duration.between(identity.startedAt(), Instant.now()).toSeconds(),
                identity.installationId().toString(),
                em.createQuery("select s.name from Share s order by s.name", String.class).getResultList(),
                listeners.listeners());
    }

    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = StatusService.class.getResourceAsStream("/META-INF/cistern-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
