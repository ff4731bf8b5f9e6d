package io.cistern.core.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ListenerState;
import io.cistern.core.config.CisternSettings;
import io.cistern.core.health.DataDirectoryHealthCheck;
import io.cistern.core.health.DatabaseHealthCheck;
import io.cistern.core.health.ListenersHealthCheck;
import io.cistern.core.model.Share;
import io.cistern.core.model.UserAccount;
import io.cistern.core.nsm.HostMonitor;
import io.cistern.core.nsm.HostRecords;
import io.cistern.core.nsm.MonitoredHost;
import io.cistern.core.service.ServerIdentity;
import io.cistern.core.service.ServerStatus;
import io.cistern.core.service.StatusService;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ejb-core inside a real Payara Micro on a real PostgreSQL: first start, persistence on JTA, password
 * hashing through Jakarta Security, the health checks, and the status monitor's rows. The adapters are not deployed here (the
 * black-box tests in domain-config run the whole server), so their MDBs stay out of this archive.
 */
@ExtendWith(ArquillianExtension.class)
class CoreServicesIT {

    @Deployment
    static WebArchive deployment() {
        return CoreArchive.createWithNtHash("core-it.war").addClass(AccountProbe.class);
    }

    @EJB
    private StatusService status;

    @EJB
    private ServerIdentity identity;

    @EJB
    private ListenerRegistry listeners;

    @EJB
    private AccountProbe probe;

    @EJB
    private HostMonitor hostMonitor;

    @EJB
    private HostRecords hostRecords;

    @Inject
    @Readiness
    private DatabaseHealthCheck databaseHealth;

    @Inject
    @Readiness
    private DataDirectoryHealthCheck dataDirectoryHealth;

    @Inject
    @Readiness
    private ListenersHealthCheck listenersHealth;

    @Test
    void firstStartCreatesTheDefaultShareAndTheInstallation() {
        ServerStatus current = status.status();
        assertEquals(List.of(Share.DEFAULT_NAME), current.shares());
        assertEquals(identity.installationId().toString(), current.installationId());
        assertNotNull(identity.smbServerGuid());
        assertEquals(1L, probe.count("Installation"));
        assertTrue(probe.databaseVersion().startsWith("18."), "embedded PostgreSQL 18, got " + probe.databaseVersion());
    }

    @Test
    void administratorGetsThePasswordFromTheEnvironmentAsPbkdf2Hash() {
        UserAccount admin = probe.account(UserAccount.ADMIN);
        assertTrue(admin.getPasswordHash().startsWith("PBKDF2WithHmacSHA512:210000:"), "hash records its parameters");
        assertFalse(admin.getPasswordHash().contains("it-admin-secret"));
        assertTrue(probe.passwordMatches(UserAccount.ADMIN, "it-admin-secret"));
        assertFalse(probe.passwordMatches(UserAccount.ADMIN, "wrong-password"));
        assertFalse(Files.exists(CisternSettings.dataDirectory().resolve("initial-admin-password")),
                "no generated password when one was given");
    }

    @Test
    void databaseAndDataDirectoryAreHealthy() {
        assertEquals(HealthCheckResponse.Status.UP, databaseHealth.call().getStatus());
        assertEquals(HealthCheckResponse.Status.UP, dataDirectoryHealth.call().getStatus());
    }

    @Test
    void listenersAreDownUntilBothAdaptersReport() {
        assertEquals(HealthCheckResponse.Status.DOWN, listenersHealth.call().getStatus());
        listeners.report(ListenerRegistry.NFS, "LISTENING", "127.0.0.1:1", Instant.now());
        assertEquals(HealthCheckResponse.Status.DOWN, listenersHealth.call().getStatus(), "SMB still missing");
        listeners.report(ListenerRegistry.SMB, "LISTENING", "127.0.0.1:2", Instant.now());
        assertEquals(HealthCheckResponse.Status.UP, listenersHealth.call().getStatus());
        // a later report replaces the earlier one
        listeners.report(ListenerRegistry.NFS, ListenerState.NOT_STARTED, "", Instant.now());
        assertEquals(HealthCheckResponse.Status.DOWN, listenersHealth.call().getStatus());
    }

    @Test
    void theStatusMonitorWritesAHostOnceAndForgetsItWhenItRestartsOrWasTold() throws Exception {
        MonitoredHost client = new MonitoredHost("it-client", "192.0.2.44");
        hostMonitor.lockedBy("it-client", InetAddress.getByName("192.0.2.44"));
        hostMonitor.lockedBy("it-client", InetAddress.getByName("192.0.2.44"));
        assertEquals(1, everyRecordedHost().stream().filter(client::equals).count(), "one row, however many locks");
        assertFalse(hostMonitor.toNotify().contains(client), "it locked after this start: nothing to tell it now");
        assertTrue(hostRecords.recordedBefore(hostMonitor.state() + 2).contains(client), "the next start tells it");
        hostMonitor.rebooted("it-client");
        assertFalse(everyRecordedHost().contains(client), "FREE_ALL or SM_NOTIFY from it: nothing left to tell it");

        MonitoredHost earlier = new MonitoredHost("it-earlier", "2001:db8:0:0:0:0:0:7");
        hostRecords.record(earlier, hostMonitor.state() - 2, Instant.now());
        assertTrue(hostMonitor.toNotify().contains(earlier), "recorded before this start: to be told of it");
        hostMonitor.notified(earlier);
        assertFalse(everyRecordedHost().contains(earlier), "told: forgotten");
    }

    @Test
    void theStateNumberIsKeptAndRaisedByTwoAtEveryStart() {
        int current = hostMonitor.state();
        assertEquals(1, current & 1, "odd: up");
        int next = hostRecords.advanceState(Instant.now());
        assertTrue(next > current, current + " then " + next);
        assertEquals(next + 2, hostRecords.advanceState(Instant.now()));
    }

    private List<MonitoredHost> everyRecordedHost() {
        return hostRecords.recordedBefore(Integer.MAX_VALUE);
    }
}
