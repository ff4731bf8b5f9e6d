package io.cistern.core.stats;

import io.cistern.core.model.BlockStoreRow;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The statistics the job stored last, in memory: what the API answers and the metrics publish, so that neither runs a
 * query over the file and block tables. Loaded at start and again by the job when it has stored new figures; as fresh
 * as the job's last run (each figure carries its time).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class LastStatistics {
    private static final Logger LOG = Logger.getLogger(LastStatistics.class.getName());
    private static final String[] SHARE_GAUGES = {"cistern.share.logical.bytes", "cistern.share.unique.bytes",
        "cistern.share.dedup.ratio", "cistern.share.files", "cistern.share.blocks"};

    @EJB
    private StatisticsComputation computation;

    @Inject
    private MetricRegistry metrics;

    private volatile StatisticsSnapshot snapshot = StatisticsSnapshot.NONE;
    /** The shares that have gauges, so that a deleted share's go. Guarded by this. */
    private final Set<String> sharesWithGauges = new HashSet<>();

    @PostConstruct
    void load() {
        try {
            reload();
        } catch (RuntimeException e) {
            // the figures are for watching the server: without them it serves files all the same
            LOG.log(Level.WARNING, "could not read the stored statistics; they show once the statistics job runs", e);
        }
        registerFixedGauges();
    }

    /** The figures stored last. */
    public StatisticsSnapshot snapshot() {
        return snapshot;
    }

    /** Reads the stored figures again: the job calls this when it has stored new ones. */
    public void reload() {
        StatisticsSnapshot stored = computation.stored();
        snapshot = stored;
        registerShareGauges(stored);
    }

    private Optional<ShareFigures> share(String name) {
        return snapshot.shares().stream().filter(share -> share.share().equals(name)).findFirst();
    }

    /** The default store's figures, which the store gauges show. */
    private Optional<StoreFigures> store() {
        return snapshot.stores().stream().filter(store -> store.store().equals(BlockStoreRow.DEFAULT_NAME))
                .findFirst();
    }

    /** Seconds since the oldest stored figure was computed; -1 before the first run. */
    private double ageSeconds() {
        StatisticsSnapshot figures = snapshot;
        Optional<Instant> oldest = Stream.concat(figures.shares().stream().map(ShareFigures::computedAt),
                figures.stores().stream().map(StoreFigures::computedAt)).min(Instant::compareTo);
        return oldest.map(at -> (double) Duration.between(at, Instant.now()).toSeconds()).orElse(-1.0);
    }

    private void registerFixedGauges() {
        if (metrics == null) {
            return;
        }
        try {
            gauge("cistern.store.physical.bytes", "Bytes the block store holds (its listing), at the last statistics run",
                    () -> store().map(StoreFigures::physicalBytes).orElse(0L));
            gauge("cistern.store.blocks", "Objects the block store holds, at the last statistics run",
                    () -> store().map(StoreFigures::blocks).orElse(0L));
            gauge("cistern.store.referenced.bytes", "Bytes of the blocks files still reference, at the last statistics run",
                    () -> store().map(StoreFigures::referencedBytes).orElse(0L));
            gauge("cistern.statistics.age.seconds", "Seconds since the oldest stored statistic was computed (-1: never)",
                    this::ageSeconds);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not register the statistics gauges", e);
        }
    }

    private synchronized void registerShareGauges(StatisticsSnapshot stored) {
        if (metrics == null) {
            return;
        }
        Set<String> current = new HashSet<>();
        for (ShareFigures share : stored.shares()) {
            current.add(share.share());
            if (sharesWithGauges.add(share.share())) {
                shareGauges(share.share());
            }
        }
        for (String gone : Set.copyOf(sharesWithGauges)) {
            if (!current.contains(gone)) {
                for (String name : SHARE_GAUGES) {
                    metrics.remove(new MetricID(name, new Tag("share", gone)));
                }
                sharesWithGauges.remove(gone);
            }
        }
    }

    private void shareGauges(String name) {
        shareGauge(SHARE_GAUGES[0], "Bytes the share's uploaded files hold", name, ShareFigures::logicalBytes);
        shareGauge(SHARE_GAUGES[1], "Bytes of the share's distinct blocks, each once", name, ShareFigures::uniqueBytes);
        shareGauge(SHARE_GAUGES[2], "Logical bytes / unique bytes of the share", name, ShareFigures::dedupRatio);
        shareGauge(SHARE_GAUGES[3], "Regular files in the share", name, ShareFigures::files);
        shareGauge(SHARE_GAUGES[4], "Distinct blocks the share's files reference", name, ShareFigures::blocks);
    }

    private void shareGauge(String metric, String description, String share, ToDoubleFunction<ShareFigures> figure) {
        metrics.gauge(Metadata.builder().withName(metric).withDescription(description + ", at the last statistics run")
                .build(), () -> share(share).map(figure::applyAsDouble).orElse(0.0), new Tag("share", share));
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        metrics.gauge(Metadata.builder().withName(name).withDescription(description).build(), value);
    }
}
