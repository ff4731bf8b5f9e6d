package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateLease;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SMB2 CREATE, [MS-SMB2] 3.3.5.9, on a disk tree (a pipe tree has no pipes yet: STATUS_NOT_SUPPORTED). A body that
 * is not a CREATE request (2.2.13: StructureSize, name or create contexts outside the message, a name that is not
 * UTF-16) is STATUS_INVALID_PARAMETER; what the fields ask is checked by {@link CreatePlan}, the name by
 * {@link SharePathName}. On success the open enters Session.OpenTable under a fresh FileId and the response
 * carries the file's attributes.
 * <ul>
 * <li>RequestedOplockLevel and the lease contexts (RqLs, versions 1 and 2) are granted as {@link OplockTable} says,
 *     the lease answered with its response context (2.2.14.2.10, 2.2.14.2.11); when the open first breaks another
 *     open's oplock or lease and must wait for its acknowledgment, the CREATE goes asynchronous
 *     ({@link PendingCreate}); durable handle requests (DHnQ, DH2Q) get no durable context: not implemented;</li>
 * <li>MxAc (3.3.5.9.5): the tree's MaximalAccess, less writing for a read-only file; QFid (3.3.5.9.9): the
 *     application's file id as DiskFileId and the share id as VolumeId; every other context is ignored.</li>
 * </ul>
 * If the session is logged off while the application is asked, the open is undone (the client never learns its
 * FileId).
 */
final class Smb2CreateHandler {
    private final FileRequests files;

    /** How the final answer of a CREATE goes: at once, or as the final response of its async request. */
    interface Answer {
        void reply(Consumer<ByteBuf> body);

        void error(int status);
    }

    Smb2CreateHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        if (call.tree().share() == null) {
            files.error(call, NtStatus.STATUS_NOT_SUPPORTED);
            return;
        }
        Smb2CreateRequest request = files.decode(call, body, Smb2CreateRequest::decode);
        if (request == null) {
            return;
        }
        CreatePlan.Checked checked = CreatePlan.check(request, call.tree());
        if (checked.plan() == null) {
            files.error(call, checked.status());
            return;
        }
        List<String> asked = request.createContexts().stream().map(Smb2CreateContext::name).toList();
        OplockRequest want = OplockRequest.of(request, call.state(), call.header().nextCommand() == 0);
        files.submit(call, listener -> checked.plan().run(listener, files, call, want), outcome -> {
            if (outcome.waiting() != null) {
                PendingCreate.start(this, call, checked.plan(), want, outcome.waiting(), asked);
            } else {
                finish(call, outcome, asked, immediate(call));
            }
        }, this::undo);
    }

    FileRequests files() {
        return files;
    }

    private Answer immediate(FileRequests.Call call) {
        return new Answer() {
            @Override
            public void reply(Consumer<ByteBuf> body) {
                files.reply(call, NtStatus.STATUS_SUCCESS, body);
            }

            @Override
            public void error(int status) {
                files.error(call, status);
            }
        };
    }

    /** On the event loop: the open enters the session, and the client learns of it. */
    void finish(FileRequests.Call call, CreatePlan.Outcome outcome, List<String> askedContexts, Answer answer) {
        if (outcome.status() != NtStatus.STATUS_SUCCESS) {
            answer.error(outcome.status());
            return;
        }
        SmbOpen open = outcome.open();
        if (call.session().trees().find(call.tree().treeId()) != call.tree()) {
            undo(outcome);
            answer.error(NtStatus.STATUS_NETWORK_NAME_DELETED);
            return;
        }
        if (!call.session().opens().add(open)) {
            undo(outcome);
            answer.error(NtStatus.STATUS_INSUFFICIENT_RESOURCES);
            return;
        }
        call.state().created(open.fileId());
        SmbFileInfo info = outcome.info();
        List<Smb2CreateContext> contexts = responseContexts(askedContexts, call, info);
        Smb2CreateLease lease = outcome.grant().leaseAnswer();
        if (lease != null) {
            contexts.add(new Smb2CreateContext(Smb2CreateLease.CONTEXT_NAME, lease.encode()));
        }
        Smb2CreateResponse response = new Smb2CreateResponse(outcome.grant().level(), outcome.action().ordinal(),
                FileAttributeMapping.values(info, FileAttributeMapping.lastName(open.path())), open.fileId(),
                contexts);
        answer.reply(response::encode);
    }

    /** The open never reached the client: it leaves the registry, and a file it created stays (no delete asked). */
    void undo(CreatePlan.Outcome outcome) {
        if (outcome.open() != null && outcome.waiting() == null) {
            outcome.open().deleteOnClose(false);
            files.registry().release(outcome.open());
        }
    }

    private static List<Smb2CreateContext> responseContexts(List<String> asked, FileRequests.Call call,
                                                            SmbFileInfo info) {
        List<Smb2CreateContext> contexts = new ArrayList<>();
        if (asked.contains(Smb2CreateContext.MAXIMAL_ACCESS)) {
            int maximal = call.tree().maximalAccess() & (info.readOnly() && !info.directory()
                    ? ~(AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA) : ~0);
            ByteBuf data = Unpooled.buffer(8).writeIntLE(NtStatus.STATUS_SUCCESS).writeIntLE(maximal);
            contexts.add(new Smb2CreateContext(Smb2CreateContext.MAXIMAL_ACCESS, data.array()));
        }
        if (asked.contains(Smb2CreateContext.QUERY_ON_DISK_ID)) {
            ByteBuf data = Unpooled.buffer(32).writeLongLE(info.fileId()).writeLongLE(0)
                    .writeLongLE(call.shareId()).writeLongLE(0);
            contexts.add(new Smb2CreateContext(Smb2CreateContext.QUERY_ON_DISK_ID, data.array()));
        }
        return contexts;
    }
}
