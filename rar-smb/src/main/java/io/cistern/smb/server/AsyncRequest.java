package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request answered asynchronously ([MS-SMB2] 3.3.4.2): STATUS_PENDING at once, then one final answer, or
 * STATUS_CANCELLED after a CANCEL (3.3.5.16). Subclasses decide when the answer is there: {@link AsyncWait} by asking
 * the application again, {@link PendingNotify} by being told. Runs on the connection's event loop only, so an answer
 * and a CANCEL never cross.
 */
abstract class AsyncRequest {
    private final FileRequests files;
    private FileRequests.Call call;
    private long asyncId;
    private boolean finished;

    AsyncRequest(FileRequests files) {
        this.files = files;
    }

    /**
     * Sends the interim response and calls {@link #started}. A request with more of its compound after it fails with
     * STATUS_INTERNAL_ERROR instead, as Windows answers ([MS-SMB2] 3.3.5.2.7, product behavior note; smbtorture
     * smb2.compound.interim2): the rest of the chain is handled after this one, and would wait behind it for as long
     * as nothing happens.
     */
    final void begin(FileRequests.Call syncCall) {
        if (syncCall.header().nextCommand() != 0) {
            finished = true;
            files.error(syncCall, NtStatus.STATUS_INTERNAL_ERROR);
            return;
        }
        if (syncCall.state().asyncRequests().cancelledEarly(syncCall.session().sessionId(),
                syncCall.header().messageId())) {
            finished = true;
            files.error(syncCall, NtStatus.STATUS_CANCELLED);   // the CANCEL came while it still ran synchronously
            return;
        }
        asyncId = syncCall.state().asyncRequests().register(syncCall.session().sessionId(),
                syncCall.header().messageId(), () -> end(NtStatus.STATUS_CANCELLED));
        files.interim(syncCall, asyncId);
        call = syncCall.goneAsync(asyncId);
        started();
    }

    /** Right after the interim response: what the subclass does to find its answer. */
    abstract void started();

    final FileRequests files() {
        return files;
    }

    final FileRequests.Call call() {
        return call;
    }

    /** Whether the final answer went (or the request ended without one: its connection is gone). */
    final boolean finished() {
        return finished;
    }

    final void reply(int status, Consumer<ByteBuf> body) {
        if (finished) {
            return;
        }
        finish();
        files.reply(call, status, body);
    }

    final void end(int ntStatus) {
        if (finished) {
            return;
        }
        finish();
        files.error(call, ntStatus);
    }

    /**
     * Once every break in {@code breaks} has ended, runs {@code then} on the requester's event loop, unless the request
     * has finished meanwhile (a CANCEL) or its connection is gone (then it just finishes): what a request held back by
     * the breaks it caused does next.
     */
    final void afterBreaks(List<PendingBreak> breaks, Runnable then) {
        FileRequests.Call waiting = call;
        files.registry().whenResolved(breaks, () -> EventLoopHandOff.run(waiting.channel(), () -> {
            if (finished) {
                return;
            }
            if (!waiting.channel().isActive()) {
                finish();
                return;
            }
            then.run();
        }));
    }

    /** Ends the request without an answer: no one is left to read it. */
    final void finish() {
        finished = true;
        if (call != null) {
            call.state().asyncRequests().finished(asyncId);
        }
    }
}
