package io.cistern.it;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client streaming writes into one file until the server dies under it, as a real NFS client does: mostly
 * UNSTABLE writes with a COMMIT every few of them, sometimes a DATA_SYNC or FILE_SYNC write. Only what the server
 * promised becomes part of the file's {@link CommittedFile} record: the bytes before a COMMIT whose verifier equals
 * the one every write got (otherwise the server restarted in between, and a client would have to resend), or a
 * stable write with no uncommitted UNSTABLE write before it.
 * <p>
 * It runs until its connection breaks. An exception before the test killed the server is a failure; after
 * the kill it is the expected end, and a reply already received then was still sent before the server died.
 */
final class CommittedWriteStream implements Runnable {
    private static final int MIN_WRITE = 4 * 1024;
    private static final int MAX_WRITE = 1024 * 1024;
    private static final long JUKEBOX_PAUSE_MILLIS = 100;
    /**
     * Every restart re-reads all bytes committed so far, so the test's time grows with the square of the volume;
     * this pace keeps twenty iterations within minutes, while the kill still lands among journal appends, COMMITs
     * and uploads in flight (what earlier iterations left in the journal is replayed at each start, and the upload
     * takes replayed writes at once, while this stream writes; its own writes wait, the client being at work).
     */
    private static final long MAX_BYTES_PER_SECOND = 12L << 20;

    private final Nfs3TestClient client;
    private final byte[] handle;
    private final CommittedFile file;
    private final Random random;
    private final int iteration;
    private final AtomicBoolean killed;
    private volatile Throwable failure;
    private volatile long bytesWritten;
    private volatile int commits;
    private volatile int stableWrites;
    private volatile int jukeboxReplies;

    private long offset;
    private final MessageDigest digest;
    private long verifier;
    private boolean verifierKnown;
    private boolean unstableSinceCommit;

    CommittedWriteStream(Nfs3TestClient client, byte[] handle, CommittedFile file, long seed, int iteration,
                         AtomicBoolean killed) {
        this.client = client;
        this.handle = handle;
        this.file = file;
        this.random = new Random(seed);
        this.iteration = iteration;
        this.killed = killed;
        this.offset = file.committedLength();
        this.digest = file.digestAtCommitted();
    }

    @Override
    public void run() {
        try {
            long start = System.nanoTime();
            int commitEvery = 1 + random.nextInt(6);
            int writesSinceCommit = 0;
            while (writeOne()) {
                keepPace(start);
                if (++writesSinceCommit >= commitEvery) {
                    if (!commit()) {
                        return;
                    }
                    writesSinceCommit = 0;
                    commitEvery = 1 + random.nextInt(6);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (!killed.get()) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keepPace(long start) throws InterruptedException {
        long due = start + bytesWritten * 1_000_000_000L / MAX_BYTES_PER_SECOND;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
            TimeUnit.NANOSECONDS.sleep(ahead);
        }
    }

    /**
     * A size between 4 KiB and 1 MiB, log-uniform: as many writes of 4 to 64 KiB as of 64 KiB to 1 MiB, which is
     * closer to what clients send than a uniform mix. Few are page-aligned, so records and blocks end mid-page.
     */
    private int randomLength() {
        double logLength = Math.log(MIN_WRITE) + random.nextDouble() * (Math.log(MAX_WRITE) - Math.log(MIN_WRITE));
        return (int) Math.max(MIN_WRITE, Math.min(MAX_WRITE, Math.round(Math.exp(logLength))));
    }

    /** One write of a random size, retried while the journal is full; false when the verifier changed. */
    private boolean writeOne() throws IOException, InterruptedException {
        int length = randomLength();
        long seed = random.nextLong();
        int roll = random.nextInt(20);
        int stable = roll < 2 ? Nfs3TestClient.FILE_SYNC : roll < 3 ? Nfs3TestClient.DATA_SYNC : Nfs3TestClient.UNSTABLE;
        byte[] data = CommittedFile.data(seed, length);
        int sent = 0;
        int achieved = Nfs3TestClient.FILE_SYNC;
        while (sent < length) {
            Nfs3TestClient.WriteReply reply = client.write(handle, offset + sent, data, sent, length - sent, stable);
            if (reply.status() == Nfs3TestClient.JUKEBOX) {
                jukeboxReplies++;
                TimeUnit.MILLISECONDS.sleep(JUKEBOX_PAUSE_MILLIS);
                continue;
            }
            requireOk("WRITE at " + (offset + sent), reply.status());
            if (reply.committed() < stable || reply.count() <= 0) {
                throw new IOException("WRITE of " + file.name + " answered committed " + reply.committed() + " for stable_how "
                        + stable + " and count " + reply.count() + " (RFC 1813 3.3.7: at least what was asked)");
            }
            if (!sameVerifier(reply.verifier())) {
                return false;
            }
            sent += reply.count();
            achieved = Math.min(achieved, reply.committed());
        }
        file.logWrite(new CommittedFile.Write(offset, length, seed, iteration));
        digest.update(data);
        offset += length;
        bytesWritten += length;
        if (achieved == Nfs3TestClient.UNSTABLE) {
            unstableSinceCommit = true;
        } else if (!unstableSinceCommit) {
            stableWrites++;
            file.commit(offset, digest);
        }
        return true;
    }

    /** COMMIT; false when its verifier is not the writes' (a restart in between: nothing is promised). */
    private boolean commit() throws IOException {
        Nfs3TestClient.CommitReply reply = client.commit(handle);
        requireOk("COMMIT", reply.status());
        if (!sameVerifier(reply.verifier())) {
            return false;
        }
        file.commit(offset, digest);
        unstableSinceCommit = false;
        commits++;
        return true;
    }

    private boolean sameVerifier(long replied) {
        if (!verifierKnown) {
            verifier = replied;
            verifierKnown = true;
        }
        return replied == verifier;
    }

    private void requireOk(String what, int status) throws IOException {
        if (status != Nfs3TestClient.OK) {
            throw new IOException(what + " of " + file.name + " failed with nfsstat3 " + status);
        }
    }

    /** The exception that ended the stream before the kill, if any. */
    Throwable failure() {
        return failure;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    int commits() {
        return commits;
    }

    int stableWrites() {
        return stableWrites;
    }

    int jukeboxReplies() {
        return jukeboxReplies;
    }
}
