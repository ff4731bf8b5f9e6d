package io.cistern.nfs.ra;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmHolder;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny lock manager as the application: whole ranges only (an unlock drops the owner's locks on the file), enough
 * to make a second client wait and to grant it when the first lets go, through the callback the adapter passed.
 */
final class LockTable extends UnsupportedNfsListener {
    private record Entry(NlmLock lock, boolean exclusive, NlmGrantCallback whenGranted) {
    }

    /** Guarded by this. */
    private final List<Entry> held = new ArrayList<>();
    private final List<Entry> waiting = new ArrayList<>();
    /** Every UNLOCK the application saw, from clients or from the adapter releasing a grant nobody took. */
    final List<NlmLock> unlocks = new CopyOnWriteArrayList<>();

    @Override
    public void ping(NfsCaller caller) {
    }

    @Override
    public void adapterEvent(NfsAdapterEvent event) {
    }

    /** A server up since its first start. */
    @Override
    public int nsmState() {
        return 3;
    }

    @Override
    public synchronized NlmTestReply nlmTest(NfsCaller caller, NlmLock lock, boolean exclusive) {
        Entry conflict = conflict(lock, exclusive);
        if (conflict == null) {
            return new NlmTestReply(NlmStatus.GRANTED, null);
        }
        NlmLock other = conflict.lock();
        return new NlmTestReply(NlmStatus.DENIED,
                new NlmHolder(conflict.exclusive(), other.svid(), other.owner(), other.offset(), other.length()));
    }

    @Override
    public synchronized NlmStatus nlmLock(NfsCaller caller, NlmLock lock, boolean exclusive, boolean block,
                                          boolean reclaim, NlmGrantCallback whenGranted) {
        if (conflict(lock, exclusive) == null) {
            held.add(new Entry(lock, exclusive, null));
            return NlmStatus.GRANTED;
        }
        if (!block) {
            return NlmStatus.DENIED;
        }
        waiting.add(new Entry(lock, exclusive, whenGranted));
        return NlmStatus.BLOCKED;
    }

    @Override
    public synchronized NlmStatus nlmCancel(NfsCaller caller, NlmLock lock, boolean exclusive) {
        return waiting.removeIf(entry -> sameOwnerAndFile(entry.lock(), lock)) ? NlmStatus.GRANTED : NlmStatus.DENIED;
    }

    /** Grants whoever waited, outside the table's lock, as an application would from its own thread. */
    @Override
    public NlmStatus nlmUnlock(NfsCaller caller, NlmLock lock) {
        List<Entry> granted = new ArrayList<>();
        synchronized (this) {
            unlocks.add(lock);
            held.removeIf(entry -> sameOwnerAndFile(entry.lock(), lock));
            for (Entry waiter : List.copyOf(waiting)) {
                if (conflict(waiter.lock(), waiter.exclusive()) == null) {
                    waiting.remove(waiter);
                    held.add(waiter);
                    granted.add(waiter);
                }
            }
        }
        granted.forEach(waiter -> waiter.whenGranted().granted(waiter.lock(), waiter.exclusive()));
        return NlmStatus.GRANTED;
    }

    synchronized boolean holds(String callerName) {
        return held.stream().anyMatch(entry -> entry.lock().callerName().equals(callerName));
    }

    synchronized boolean waits(String callerName) {
        return waiting.stream().anyMatch(entry -> entry.lock().callerName().equals(callerName));
    }

    List<String> unlockedBy() {
        return unlocks.stream().map(NlmLock::callerName).toList();
    }

    private Entry conflict(NlmLock lock, boolean exclusive) {
        return held.stream()
                .filter(entry -> Arrays.equals(entry.lock().handle(), lock.handle()))
                .filter(entry -> !sameOwnerAndFile(entry.lock(), lock))
                .filter(entry -> exclusive || entry.exclusive())
                .filter(entry -> overlap(entry.lock(), lock))
                .findFirst().orElse(null);
    }

    private static boolean sameOwnerAndFile(NlmLock a, NlmLock b) {
        return a.callerName().equals(b.callerName()) && Arrays.equals(a.owner(), b.owner()) && a.svid() == b.svid()
                && Arrays.equals(a.handle(), b.handle());
    }

    private static boolean overlap(NlmLock a, NlmLock b) {
        long aEnd = a.length() == 0 ? Long.MAX_VALUE : a.offset() + a.length();
        long bEnd = b.length() == 0 ? Long.MAX_VALUE : b.offset() + b.length();
        return a.offset() < bEnd && b.offset() < aEnd;
    }
}
