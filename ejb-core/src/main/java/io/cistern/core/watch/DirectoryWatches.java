package io.cistern.core.watch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The in-process hub of directory watches: who watches which directory (and whether its subtree), and the delivery
 * of committed changes to them. One per deployment (a static of this class, which a new deployment loads anew).
 * Cheap when nobody watches: {@link #watchesDirectory} and {@link #watchesSubtreeIn} are one map lookup each, so the
 * metadata layer records nothing for a directory nobody watches.
 */
public final class DirectoryWatches {
    private static final Logger LOG = Logger.getLogger(DirectoryWatches.class.getName());
    private static final DirectoryWatches HUB = new DirectoryWatches();

    /** The deployment's hub is {@link #hub}; tests make their own. */
    DirectoryWatches() {
    }

    /** One registered watch; its key is what the watcher unwatches it by. */
    private record Watch(Object key, long shareId, long directoryId, boolean subtree, ChangeReceiver receiver) {
    }

    /**
     * One change to deliver to the watches of a directory.
     *
     * @param viaSubtree the change is below the directory's own entries: only subtree watches see it
     */
    public record Delivery(long directoryId, boolean viaSubtree, EntryChange change) {
    }

    private final Map<Long, List<Watch>> byDirectory = new ConcurrentHashMap<>();
    private final Map<Object, Watch> byKey = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> subtreeWatchesPerShare = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> watchesPerShare = new ConcurrentHashMap<>();

    public static DirectoryWatches hub() {
        return HUB;
    }

    /** Starts a watch; a key already watching is moved to the new directory. */
    public synchronized void watch(Object key, long shareId, long directoryId, boolean subtree,
                                   ChangeReceiver receiver) {
        unwatch(key);
        Watch watch = new Watch(key, shareId, directoryId, subtree, receiver);
        byKey.put(key, watch);
        byDirectory.computeIfAbsent(directoryId, id -> new CopyOnWriteArrayList<>()).add(watch);
        if (subtree) {
            subtreeWatchesPerShare.computeIfAbsent(shareId, id -> new AtomicInteger()).incrementAndGet();
        }
        watchesPerShare.computeIfAbsent(shareId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** Ends the watch of {@code key}; nothing when it has none. */
    public synchronized void unwatch(Object key) {
        Watch watch = byKey.remove(key);
        if (watch == null) {
            return;
        }
        List<Watch> watches = byDirectory.get(watch.directoryId());
        if (watches != null) {
            watches.remove(watch);
            if (watches.isEmpty()) {
                byDirectory.remove(watch.directoryId());
            }
        }
        if (watch.subtree()) {
            countDown(subtreeWatchesPerShare, watch.shareId());
        }
        countDown(watchesPerShare, watch.shareId());
    }

    private static void countDown(Map<Long, AtomicInteger> counts, long shareId) {
        AtomicInteger count = counts.get(shareId);
        if (count != null && count.decrementAndGet() == 0) {
            counts.remove(shareId);
        }
    }

    /** Whether anything is watched at all: the first and cheapest question. */
    public boolean idle() {
        return byKey.isEmpty();
    }

    /** Whether any directory of the share is watched. */
    public boolean watchesIn(long shareId) {
        return watchesPerShare.containsKey(shareId);
    }

    /** Whether anyone watches this directory's own entries. */
    public boolean watchesDirectory(long directoryId) {
        return byDirectory.containsKey(directoryId);
    }

    /** Whether any watch of a subtree exists on the share: only then is a change worth walking up from. */
    public boolean watchesSubtreeIn(long shareId) {
        return subtreeWatchesPerShare.containsKey(shareId);
    }

    /** Whether a watch of this directory's subtree exists. */
    public boolean watchesSubtreeOf(long directoryId) {
        List<Watch> watches = byDirectory.get(directoryId);
        return watches != null && watches.stream().anyMatch(Watch::subtree);
    }

    public int size() {
        return byKey.size();
    }

    /**
     * Hands the changes of one committed transaction to their watches, each watch once with its changes in order. A
     * receiver that throws is logged and skipped: the others still get theirs, and the commit stands.
     */
    public void deliver(List<Delivery> deliveries) {
        Map<Watch, List<EntryChange>> perWatch = new IdentityHashMap<>();
        List<Watch> order = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            List<Watch> watches = byDirectory.get(delivery.directoryId());
            if (watches == null) {
                continue;
            }
            for (Watch watch : watches) {
                if (delivery.viaSubtree() && !watch.subtree()) {
                    continue;
                }
                perWatch.computeIfAbsent(watch, w -> {
                    order.add(w);
                    return new ArrayList<>();
                }).add(delivery.change());
            }
        }
        for (Watch watch : order) {
            try {
                watch.receiver().changed(perWatch.get(watch));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a watcher of directory " + watch.directoryId() + " failed", e);
            }
        }
    }
}
