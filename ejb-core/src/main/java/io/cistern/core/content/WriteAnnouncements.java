package io.cistern.core.content;

import io.cistern.core.metadata.MetadataService;
import io.cistern.core.watch.DirectoryWatches;
import io.cistern.core.watch.WrittenFiles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The server's {@link WrittenFiles}: writes (SMB, NFS, server-side copy) announced to CHANGE_NOTIFY watchers as
 * they are journaled rather than when the uploader stores them. One thread announces, from the container's
 * {@code ManagedThreadFactory} (see {@code PrefetchPool} for why not the managed executor); each announcement is
 * one short read-only transaction in {@link MetadataService#announceWritten}, which finds the file's names.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WriteAnnouncements {
    /**
     * How long a file's writes are gathered into one announcement after the first was announced: short enough that
     * a watcher sees a long copy grow, long enough that a stream of writes costs a look-up a second, not one each.
     */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    @Resource
    private ManagedThreadFactory threadFactory;

    @EJB
    private MetadataService metadata;

    private ScheduledThreadPoolExecutor executor;
    private WrittenFiles files;

    @PostConstruct
    void start() {
        executor = new ScheduledThreadPoolExecutor(1, threadFactory);
        MetadataService names = metadata;
        files = new WrittenFiles(DirectoryWatches.hub(), WrittenFiles.Scheduler.of(executor), INTERVAL,
                names::announceWritten);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Asked for once by each caller, then called directly: a write must not pay a container call for it. */
    public WrittenFiles files() {
        return files;
    }
}
