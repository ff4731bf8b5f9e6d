package io.cistern.core.activity;

import io.cistern.core.fs.FileHandle;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * File transfers in flight: every successful READ and WRITE of NFS and SMB adds its bytes to the transfer of its
 * client, file and direction; a transfer with no request for {@link #IDLE} is over and leaves the view. The hot path
 * is a map lookup and an atomic add; names are looked up in the database only when a view is built, once per
 * transfer.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TransferActivity {
    /** How long a transfer stays in the view after its last request. */
    public static final Duration IDLE = Duration.ofSeconds(5);
    public static final String READ = "read";
    public static final String WRITE = "write";
    private static final Logger LOG = Logger.getLogger(TransferActivity.class.getName());

    /* From the file's entry up through its directories to the share's root: the file's first name. */
    private static final String PATH = "with recursive up (dir_id, path, depth) as ("
            + " select e.parent_id, decode('2f', 'hex') || e.name, 0 from dirent e where e.child_id = ?1"
            + " union all"
            + " select e.parent_id, decode('2f', 'hex') || e.name || up.path, up.depth + 1"
            + " from up join dirent e on e.child_id = up.dir_id"
            + " where up.depth < 4096 and not exists (select 1 from share r where r.root_inode_id = up.dir_id))"
            + " select s.name, up.path from up join share s on s.root_inode_id = up.dir_id order by 2 limit 1";

    /** The client's address as it is, turned into text only for a view: the hot path allocates no string. */
    private record Key(String protocol, InetAddress client, long inodeId, String direction) {
    }

    private static final class Transfer {
        final long shareId;
        final Instant startedAt = Instant.now();
        final AtomicLong bytesDone = new AtomicLong();
        volatile long fileSize;
        volatile long lastNanos = System.nanoTime();
        volatile Instant lastAt = startedAt;
        /** Set when a view is built: the name, and the bytes and time the rate is measured from. */
        String share;
        String path;
        long rateFromBytes;
        long rateFromNanos = System.nanoTime();
        long bytesPerSecond;

        Transfer(long shareId) {
            this.shareId = shareId;
        }
    }

    private final Map<Key, Transfer> transfers = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /**
     * What the adapters count each READ and WRITE into. A plain object on this instance, not a business method:
     * through the container's invocation, counting cost a READ answered from memory more than the rest of its
     * bookkeeping. The counting touches nothing but the concurrent map, so it needs neither a transaction nor the
     * container's locking.
     */
    public TransferRecorder recorder() {
        return this::count;
    }

    private void count(String protocol, InetSocketAddress client, FileHandle file, String direction, long bytes,
                       long fileSize) {
        if (bytes <= 0) {
            return;
        }
        Key key = new Key(protocol, client.getAddress(), file.inodeId(), direction);
        Transfer transfer = transfers.computeIfAbsent(key, k -> new Transfer(file.shareId()));
        transfer.bytesDone.addAndGet(bytes);
        transfer.fileSize = fileSize;
        transfer.lastNanos = System.nanoTime();
        transfer.lastAt = Instant.now();
    }

    /** The transfers in flight, the busiest first; forgets those idle for longer than {@link #IDLE}. */
    public synchronized List<TransferView> inFlight() {
        long now = System.nanoTime();
        List<TransferView> views = new ArrayList<>();
        for (Map.Entry<Key, Transfer> entry : transfers.entrySet()) {
            Transfer transfer = entry.getValue();
            if (now - transfer.lastNanos > IDLE.toNanos()) {
                transfers.remove(entry.getKey(), transfer);
                continue;
            }
            views.add(view(entry.getKey(), transfer, now));
        }
        views.sort(Comparator.comparingLong(TransferView::bytesPerSecond).reversed());
        return views;
    }

    private TransferView view(Key key, Transfer transfer, long now) {
        if (transfer.path == null) {
            name(key.inodeId(), transfer);
        }
        long done = transfer.bytesDone.get();
        long elapsed = now - transfer.rateFromNanos;
        if (elapsed >= 500_000_000L) {
            transfer.bytesPerSecond = (done - transfer.rateFromBytes) * 1_000_000_000L / elapsed;
            transfer.rateFromBytes = done;
            transfer.rateFromNanos = now;
        }
        long secondsLeft = -1;
        if (READ.equals(key.direction()) && transfer.bytesPerSecond > 0) {
            secondsLeft = Math.max(0, transfer.fileSize - done) / transfer.bytesPerSecond;
        }
        return new TransferView(key.protocol(), key.client().getHostAddress(), transfer.share, transfer.path,
                key.direction(), done, transfer.bytesPerSecond, transfer.fileSize, secondsLeft, transfer.startedAt,
                transfer.lastAt);
    }

    private void name(long inodeId, Transfer transfer) {
        try {
            List<?> rows = em.createNativeQuery(PATH).setParameter(1, inodeId).getResultList();
            if (!rows.isEmpty()) {
                Object[] row = (Object[]) rows.get(0);
                transfer.share = (String) row[0];
                transfer.path = new String((byte[]) row[1], StandardCharsets.UTF_8);
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot name inode " + inodeId + " for the live view", e);
        }
        // removed while being read, or the database is away: the view still shows the transfer
        transfer.share = "#" + transfer.shareId;
        transfer.path = "#" + inodeId;
    }
}
