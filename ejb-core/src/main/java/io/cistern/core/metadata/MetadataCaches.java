package io.cistern.core.metadata;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Holds the deployment's one {@link AttributeCache}. Beans ask for it once and then call it directly, and the
 * inode listener finds it here by name.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory only: the default (REQUIRED) would begin and commit a transaction for a call from outside one
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MetadataCaches {
    private final AttributeCache attributes = new AttributeCache();
    private final OneTripStatements oneTrip = new OneTripStatements();

    @Inject
    private MetricRegistry metrics;

    /** So that an administrator sees whether creates, removes and renames take one statement. */
    @PostConstruct
    void registerGauge() {
        if (metrics != null) {
            metrics.gauge(Metadata.builder().withName("cistern.metadata.one.statement.changes")
                    .withDescription("Creates, removes and renames done as one statement since start").build(),
                    oneTrip::changes);
        }
    }

    public AttributeCache attributes() {
        return attributes;
    }

    /** How many creates, removes and renames took one statement ({@link OneTripMutations}) since the start. */
    public long oneStatementChanges() {
        return oneTrip.changes();
    }

    /** Public, as every method called through the bean: the container answers only those. */
    public OneTripStatements oneTrip() {
        return oneTrip;
    }
}
