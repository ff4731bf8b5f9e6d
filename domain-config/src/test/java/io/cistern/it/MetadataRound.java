package io.cistern.it;

import static io.cistern.it.DatabaseRestartIT.CLEAN_ERRORS;
import static io.cistern.it.DatabaseRestartIT.RECOVERY_BOUND;
import static io.cistern.it.Nfs3TestClient.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.Nfs3TestClient.CommitReply;
import io.cistern.it.Nfs3TestClient.HandleReply;
import io.cistern.it.Nfs3TestClient.WriteReply;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One full round of metadata work in a directory, on a client's two connections: CREATE, WRITE UNSTABLE and COMMIT,
 * RENAME, CREATE and REMOVE of another file, and a listing that shows the outcome. Each call is bounded; the file it
 * keeps joins the acknowledged ones.
 */
final class MetadataRound {
    private final byte[] directory;
    private final AcknowledgedFiles acknowledged;
    private final BoundedCaller caller;
    private final CisternProcess cistern;

    MetadataRound(byte[] directory, AcknowledgedFiles acknowledged, BoundedCaller caller, CisternProcess cistern) {
        this.directory = directory;
        this.acknowledged = acknowledged;
        this.caller = caller;
        this.cistern = cistern;
    }

    /**
     * Polls, within {@link DatabaseRestartIT#RECOVERY_BOUND}, for a round that is served whole. A clean error is
     * retried (with new names); any other failure fails at once.
     */
    void awaitServed(Nfs3TestClient data, Nfs3WireClient meta, String tag) throws Exception {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        for (int attempt = 0; ; attempt++) {
            String refused = run(data, meta, tag + "-" + attempt);
            if (refused == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(tag + ": still refused " + RECOVERY_BOUND + " after the database came back: "
                        + refused + "\n--- server.log tail ---\n" + cistern.serverLogTail());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Null once everything worked; what was refused with a clean error otherwise. */
    private String run(Nfs3TestClient data, Nfs3WireClient meta, String tag) throws Exception {
        String temporary = tag + ".tmp";
        String kept = tag + ".bin";
        String removed = tag + ".gone";
        HandleReply created = caller.call("CREATE", () -> data.createGuarded(directory, temporary));
        if (created.status() != OK) {
            return refusal(tag, "CREATE", created.status());
        }
        long seed = acknowledged.nextSeed();
        byte[] content = CommittedFile.data(seed, 100_000 + (int) ((seed + 1) % 1000));
        WriteReply written = caller.call("WRITE", () -> data.write(created.handle(), 0, content, 0, content.length,
                Nfs3TestClient.UNSTABLE));
        if (written.status() != OK) {
            return refusal(tag, "WRITE", written.status());
        }
        assertEquals(content.length, written.count(), tag + ": WRITE of 100 kB in one call");
        CommitReply committed = caller.call("COMMIT", () -> data.commit(created.handle()));
        if (committed.status() != OK) {
            return refusal(tag, "COMMIT", committed.status());
        }
        assertEquals(written.verifier(), committed.verifier(), tag + ": the server did not restart: same verifier");
        int renamed = caller.call("RENAME", () -> Nfs3StatusCalls.rename(meta, directory, temporary, kept));
        if (renamed != OK) {
            return refusal(tag, "RENAME", renamed);
        }
        acknowledged.put(kept, content);
        HandleReply other = caller.call("CREATE", () -> data.createGuarded(directory, removed));
        if (other.status() != OK) {
            return refusal(tag, "CREATE", other.status());
        }
        int gone = caller.call("REMOVE", () -> Nfs3StatusCalls.remove(meta, directory, removed));
        if (gone != OK) {
            return refusal(tag, "REMOVE", gone);
        }
        return listingShows(meta, tag, kept, temporary, removed);
    }

    /** Null when the listing shows the kept file and neither the old name nor the removed file. */
    private String listingShows(Nfs3WireClient meta, String tag, String kept, String temporary, String removed)
            throws Exception {
        List<String> names;
        try {
            names = caller.call("READDIRPLUS", () -> meta.list(directory)).stream().map(Nfs3WireClient.Entry::name)
                    .toList();
        } catch (Nfs3WireClient.Nfs3Error e) {
            return refusal(tag, "READDIRPLUS", e.status);
        }
        assertTrue(names.contains(kept), tag + ": the listing shows the renamed file");
        assertFalse(names.contains(temporary), tag + ": the listing no longer shows the old name");
        assertFalse(names.contains(removed), tag + ": the listing no longer shows the removed file");
        return null;
    }

    private static String refusal(String tag, String call, int status) {
        assertTrue(CLEAN_ERRORS.contains(status), tag + ": " + call + " answered nfsstat3 " + status
                + ", which is not a clean error " + CLEAN_ERRORS);
        return call + " answered " + status;
    }
}
