package io.cistern.core.locks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Owners, locks and a manager without a grace period, named so that the tests read as the scenarios they are. */
final class LockFixtures {
    static final long FILE = 7;
    static final long OTHER_FILE = 8;
    static final long END = ByteRange.END;

    private LockFixtures() {
    }

    static LockManager manager() {
        return new LockManager(Duration.ZERO, System::nanoTime);
    }

    /** An NLM owner as a Linux client makes it: oh is "svid@host". */
    static LockOwner owner(String host, int svid) {
        return new LockOwner(LockManager.NLM, host, (svid + "@" + host).getBytes(StandardCharsets.US_ASCII), svid);
    }

    static RangeLock shared(LockOwner owner, long first, long last) {
        return new RangeLock(owner, new ByteRange(first, last), false);
    }

    static RangeLock exclusive(LockOwner owner, long first, long last) {
        return new RangeLock(owner, new ByteRange(first, last), true);
    }

    /** The file's held locks in offset order, so that comparisons do not depend on the table's list order. */
    static List<RangeLock> heldInOrder(LockManager manager, long file) {
        List<RangeLock> held = new ArrayList<>(manager.held(file));
        held.sort((a, b) -> Long.compare(a.range().first(), b.range().first()));
        return Collections.unmodifiableList(held);
    }

    /** Records each grant it is told of, in order, from any thread. */
    static final class Grants implements GrantCallback {
        final List<RangeLock> told = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void granted(RangeLock lock) {
            told.add(lock);
        }
    }
}
