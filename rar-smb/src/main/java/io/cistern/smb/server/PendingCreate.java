package io.cistern.smb.server;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CREATE held back by the oplock or lease breaks it caused ([MS-SMB2] 3.3.5.9: the object store pends the open
 * until the breaks are acknowledged): STATUS_PENDING at once, then, once every break it waits for has ended
 * (acknowledged, its holder closed, or timed out), the open asks to join the file's opens again on a request worker
 * and the CREATE is answered as any other, or waits again for a break that came meanwhile. A CANCEL ends it with
 * STATUS_CANCELLED; an open admitted after that is released again. Runs on the requester's event loop; the breaks end
 * on their holders' event loops or workers, and hand over to it.
 */
final class PendingCreate extends AsyncRequest {
    private final Smb2CreateHandler handler;
    private final CreatePlan plan;
    private final OplockRequest want;
    private final List<String> askedContexts;
    private CreatePlan.Waiting waiting;

    private PendingCreate(Smb2CreateHandler handler, CreatePlan plan, OplockRequest want, CreatePlan.Waiting waiting,
                          List<String> askedContexts) {
        super(handler.files());
        this.handler = handler;
        this.plan = plan;
        this.want = want;
        this.waiting = waiting;
        this.askedContexts = askedContexts;
    }

    static void start(Smb2CreateHandler handler, FileRequests.Call call, CreatePlan plan, OplockRequest want,
                      CreatePlan.Waiting waiting, List<String> askedContexts) {
        new PendingCreate(handler, plan, want, waiting, askedContexts).begin(call);
    }

    @Override
    void started() {
        waitForBreaks();
    }

    private void waitForBreaks() {
        afterBreaks(waiting.breaks(), this::breaksEnded);
    }

    private void breaksEnded() {
        FileRequests.Call call = call();
        CreatePlan.Waiting asked = waiting;
        boolean queued = files().submit(call, listener -> plan.resume(listener, files(), call, asked, want),
                this::admitted, outcome -> {
                    handler.undo(outcome);
                    finish();
                });
        if (!queued) {
            finish();                                  // answered STATUS_INSUFFICIENT_RESOURCES
        }
    }

    private void admitted(CreatePlan.Outcome outcome) {
        if (finished()) {
            handler.undo(outcome);                     // cancelled meanwhile: nobody will learn of this open
            return;
        }
        if (outcome.waiting() != null) {
            waiting = outcome.waiting();
            waitForBreaks();
            return;
        }
        handler.finish(call(), outcome, askedContexts, new Smb2CreateHandler.Answer() {
            @Override
            public void reply(Consumer<ByteBuf> body) {
                PendingCreate.this.reply(io.cistern.smb.wire.NtStatus.STATUS_SUCCESS, body);
            }

            @Override
            public void error(int status) {
                end(status);
            }
        });
    }
}
