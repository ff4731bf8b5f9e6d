package io.cistern.smb.server;

import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbUser;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the file command handlers share: finding the open a FileId names, running the application's part on a
 * request worker and bringing its answer back to the event loop, re-asking the application while it says
 * TRY_LATER, closing opens whose session or tree went away, and answering as the session signs.
 */
final class FileRequests {
    private static final Logger LOG = Logger.getLogger(FileRequests.class.getName());

    /**
     * How long a TRY_LATER is re-asked: every {@code pause} until {@code limit} has passed, then the client gets
     * STATUS_IO_TIMEOUT. The worker waits meanwhile, which is the back-pressure a full journal asks for.
     */
    record RetryPolicy(Duration pause, Duration limit) {
        static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** One request on a disk tree, as the event loop saw it. */
    record Call(Channel channel, SmbConnectionState state, SmbSession session, TreeConnect tree, Smb2Header header,
                SmbCaller caller, SmbUser user) {
        long shareId() {
            return tree.share().shareId();
        }

        /** The same call once it went asynchronous as {@code asyncId}: its responses are async ones. */
        Call goneAsync(long asyncId) {
            return new Call(channel, state, session, tree, header.goneAsync(asyncId), caller, user);
        }
    }

    private final SmbRequestExecutor executor;
    private final Smb2ResponseWriter writer;
    private final SharedFileRegistry registry;
    private final RetryPolicy retry;

    /** A guest or anonymous session on IPC$: nobody (65534), which touches no file there. */
    static final SmbUser GUEST_ON_PIPES = new SmbUser("guest", 65534, 65534, null);

    FileRequests(SmbRequestExecutor executor, Smb2ResponseWriter writer, SharedFileRegistry registry,
                 RetryPolicy retry) {
        this.executor = executor;
        this.writer = writer;
        this.registry = registry;
        this.retry = retry;
    }

    SharedFileRegistry registry() {
        return registry;
    }

    Call call(Channel channel, SmbConnectionState state, SmbSession session, TreeConnect tree, Smb2Header header) {
        return new Call(channel, state, session, tree, header, new SmbCaller(NegotiateResponder.clientAddress(channel)),
                userOf(session, tree));
    }

    /**
     * Who the requests of a session on a tree run as: its account, or for a guest or anonymous session the share's
     * guest identity (its anonymous uid and gid), and on IPC$, which has no share, {@link #GUEST_ON_PIPES}.
     */
    static SmbUser userOf(SmbSession session, TreeConnect tree) {
        if (!session.isGuest()) {
            return SmbUser.of(session.account());
        }
        return tree.share() != null && tree.share().allowsGuests() ? tree.share().guest() : GUEST_ON_PIPES;
    }

    /** The open {@code fileId} names in the request's session and tree, or null once STATUS_FILE_CLOSED is sent. */
    /** Decodes a request's body; null once a body that is not the request has had STATUS_INVALID_PARAMETER. */
    <R> R decode(Call call, WireReader body, BodyDecoder<R> decoder) {
        try {
            return decoder.decode(body);
        } catch (SmbWireException e) {
            error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return null;
        }
    }

    /** A wire structure's decode method. */
    @FunctionalInterface
    interface BodyDecoder<R> {
        R decode(WireReader body) throws SmbWireException;
    }

    SmbOpen open(Call call, Smb2FileId fileId) {
        SmbOpen open = call.session().opens().find(call.state().resolve(fileId, call.header()), call.tree().treeId());
        if (open == null) {
            error(call, NtStatus.STATUS_FILE_CLOSED);
        }
        return open;
    }

    /**
     * Runs {@code work} on a request worker, then {@code done} on the event loop with its result, unless the
     * session was logged off meanwhile: then {@code gone} gets the result (to undo what it holds) and the client
     * STATUS_USER_SESSION_DELETED; {@code gone} gets it too when the connection's event loop has shut down. False
     * when no worker took the call (it is answered STATUS_INSUFFICIENT_RESOURCES and {@code work} never runs).
     */
    <T> boolean submit(Call call, Function<SmbListener, T> work, Consumer<T> done, Consumer<T> gone) {
        boolean queued = executor.submit(listener -> {
            T result;
            try {
                result = work.apply(listener);
            } catch (RuntimeException e) {
                EventLoopHandOff.run(call.channel(), () -> error(call, NtStatus.STATUS_INTERNAL_ERROR));
                // rethrown so that the worker logs it and takes a fresh endpoint
                throw new IllegalStateException(io.cistern.smb.wire.Smb2Command.name(call.header().command())
                        + " from " + call.caller().client() + " failed", e);
            }
            try {
                EventLoopHandOff.run(call.channel(), () -> {
                    if (live(call)) {
                        done.accept(result);
                    } else {
                        gone.accept(result);
                        writer.writeError(call.channel(), call.header(), NtStatus.STATUS_USER_SESSION_DELETED);
                    }
                });
            } catch (RejectedExecutionException e) {
                // the connection's event loop is gone (shut down): nobody will answer, so undo what is held
                gone.accept(result);
                throw e;
            }
        });
        if (!queued) {
            error(call, NtStatus.STATUS_INSUFFICIENT_RESOURCES);
        }
        return queued;
    }

    /** Runs {@code work} on a request worker with no one to answer (what undoes a lock nobody waits for). */
    void runUnanswered(Function<SmbListener, ?> work) {
        if (!executor.submit(work::apply)) {
            LOG.warning("no worker free for work that nobody waits for; it is dropped");
        }
    }

    <T> boolean submit(Call call, Function<SmbListener, T> work, Consumer<T> done) {
        return submit(call, work, done, result -> { });
    }

    /** Sends the interim response of a call that goes on as {@code asyncId} ([MS-SMB2] 3.3.4.2). */
    void interim(Call call, long asyncId) {
        writer.writeInterim(call.channel(), call.header(), asyncId, protection(call));
    }

    /** Whether the call's session still exists and {@code open} is still open in it. */
    static boolean stillOpen(Call call, SmbOpen open) {
        return live(call) && call.session().opens().find(open.fileId(), call.tree().treeId()) == open;
    }

    private static boolean live(Call call) {
        return call.state().sessions().holds(call.session());
    }

    /**
     * Asks {@code attempt} until its status is not TRY_LATER or the policy's limit has passed; the last answer
     * either way, so that a TRY_LATER that outlasts the limit reaches {@link FileStatusMapping} as such.
     */
    <T> T retrying(Supplier<T> attempt, Function<T, SmbFileStatus> status) {
        long deadline = System.nanoTime() + retry.limit().toNanos();
        T result = attempt.get();
        while (status.apply(result) == SmbFileStatus.TRY_LATER && System.nanoTime() < deadline) {
            try {
                Thread.sleep(retry.pause().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = attempt.get();
        }
        return result;
    }

    SmbFileStatus retrying(Supplier<SmbFileStatus> attempt) {
        return retrying(attempt, Function.identity());
    }

    /** An error response (2.2.2), signed as the session signs when it still exists. */
    void error(Call call, int status) {
        writer.writeError(call.channel(), call.header(), status, protection(call));
    }

    void error(Call call, SmbFileStatus status) {
        error(call, FileStatusMapping.ntStatus(status));
    }

    /** A response with {@code status} (success, or a warning such as STATUS_BUFFER_OVERFLOW) and a body. */
    void reply(Call call, int status, Consumer<ByteBuf> body) {
        writer.write(call.channel(), Smb2ResponseWriter.responseTo(call.header(), status), body, protection(call));
    }

    /**
     * A response whose body ends in data the application lends until {@code release} runs, sent from where it lies
     * ({@link Smb2ResponseWriter#writeLent}); {@code release} runs exactly once.
     */
    void replyLent(Call call, int status, Consumer<ByteBuf> fixedPart, List<ByteBuffer> lent, Runnable release) {
        writer.writeLent(call.channel(), Smb2ResponseWriter.responseTo(call.header(), status), fixedPart, lent,
                release, protection(call));
    }

    private static ResponseProtection protection(Call call) {
        return live(call) ? call.session().responseProtection(call.header().isSigned()) : null;
    }

    /**
     * Closes an open nobody will CLOSE (tree disconnect, logoff, lost connection): it leaves the registry, and
     * when it was the last open of a delete-pending file the file is deleted on a worker, with no one to answer.
     */
    void closeDetached(SmbOpen open) {
        closeWatch(open);
        SharedFileRegistry.PendingDelete pending = registry.release(open);
        if ((pending != null || open.locked()) && !executor.submit(listener -> {
            unlockAll(listener, open);
            if (pending != null) {
                deleteNow(listener, pending);
            }
        })) {
            LOG.warning(() -> "no worker free to release the locks or delete on close of " + open);
        }
    }

    /**
     * The open's CHANGE_NOTIFY watch ends with it: a waiting request answers STATUS_NOTIFY_CLEANUP, and the application
     * stops telling it (on a worker). Event loop.
     */
    void closeWatch(SmbOpen open) {
        ChangeWatch watch = open.changeWatch();
        if (watch != null) {
            open.changeWatch(null);
            endWatch(watch);
        }
    }

    /** Closes {@code watch} and has the application forget it. Event loop. */
    void endWatch(ChangeWatch watch) {
        watch.close();
        runUnanswered(listener -> {
            listener.unwatch(watch);
            return null;
        });
    }

    /** On a worker: the open's byte-range locks go with it; a failure is logged, since a close cannot fail. */
    void unlockAll(SmbListener listener, SmbOpen open) {
        if (!open.locked()) {
            return;
        }
        try {
            listener.unlockAll(open.caller(), open.handle(), open.lockOwner());
            open.locked(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "releasing the locks of " + open + " failed", e);
        }
    }

    /** On a worker: the delete of a last close; a failure is logged, since a CLOSE cannot fail ([MS-FSA] 2.1.5.4). */
    SmbFileStatus deleteNow(SmbListener listener, SharedFileRegistry.PendingDelete pending) {
        SmbFileStatus status;
        try {
            status = retrying(() -> listener.delete(pending.caller(), pending.user(), pending.shareId(),
                    pending.path(), pending.handle()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delete on close of " + pending.path() + " failed", e);
            return SmbFileStatus.IO_ERROR;
        }
        if (status != SmbFileStatus.OK) {
            LOG.fine(() -> "delete on close of " + pending.path() + ": " + status);
        }
        return status;
    }
}
