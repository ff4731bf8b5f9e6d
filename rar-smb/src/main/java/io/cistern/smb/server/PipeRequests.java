package io.cistern.smb.server;

import io.cistern.smb.rpc.ShareEntry;
import io.cistern.smb.rpc.SrvsvcPipe;
import io.cistern.smb.spi.SmbShare;
import io.cistern.smb.wire.FileAttributeValues;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2CloseResponse;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.Smb2ReadRequest;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.cistern.smb.wire.Smb2WriteRequest;
import io.cistern.smb.wire.Smb2WriteResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE, WRITE, READ and CLOSE on an IPC$ tree, where the one named pipe is {@code srvsvc} ([MS-SRVS] 2.1):
 * <ul>
 * <li>CREATE of {@code srvsvc} (any case, with or without a leading backslash) opens it: the share list the
 *     session's account may see is fetched once, on a request worker, and the pipe answers from it; any other name
 *     is STATUS_OBJECT_NAME_NOT_FOUND;</li>
 * <li>WRITE is one DCE/RPC PDU, answered at once into the pipe; READ takes the answer, STATUS_BUFFER_OVERFLOW while
 *     more of it remains, STATUS_PIPE_EMPTY when there is none; FSCTL_PIPE_TRANSCEIVE ({@link Smb2IoctlHandler})
 *     does both in one request;</li>
 * <li>CLOSE drops the pipe; every other command on a pipe is STATUS_NOT_SUPPORTED.</li>
 * </ul>
 */
final class PipeRequests {
    /** FILE_ATTRIBUTE_NORMAL: a pipe has none of the others. */
    private static final int NORMAL = 0x80;
    private static final int OPENED = 1;

    private final FileRequests files;
    private final UnimplementedCommandHandler unimplemented;

    PipeRequests(FileRequests files, UnimplementedCommandHandler unimplemented) {
        this.files = files;
        this.unimplemented = unimplemented;
    }

    void handle(FileRequests.Call call, WireReader body) {
        switch (call.header().command()) {
            case Smb2Command.CREATE -> create(call, body);
            case Smb2Command.WRITE -> write(call, body);
            case Smb2Command.READ -> read(call, body);
            case Smb2Command.CLOSE -> close(call, body);
            default -> unimplemented.handle(call.channel(), call.header(), call.session());
        }
    }

    private void create(FileRequests.Call call, WireReader body) {
        Smb2CreateRequest request = files.decode(call, body, Smb2CreateRequest::decode);
        if (request == null) {
            return;
        }
        String name = request.name().startsWith("\\") ? request.name().substring(1) : request.name();
        if (!name.equalsIgnoreCase(SrvsvcPipe.NAME)) {
            files.error(call, NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
            return;
        }
        files.submit(call, listener -> listener.sharesFor(call.caller(),
                        call.session().isGuest() ? null : call.user().username()),
                shares -> opened(call, shares));
    }

    private void opened(FileRequests.Call call, List<SmbShare> shares) {
        List<ShareEntry> entries = new ArrayList<>();
        shares.forEach(share -> entries.add(ShareEntry.disk(share.name())));
        entries.add(ShareEntry.IPC_SHARE);
        List<ShareEntry> listed = List.copyOf(entries);
        SmbOpen open = SmbOpen.ofPipe(call.tree(), call.caller(), call.user(), SrvsvcPipe.NAME,
                new NamedPipe(new SrvsvcPipe(() -> listed)));
        if (!call.session().opens().add(open)) {
            files.error(call, NtStatus.STATUS_INSUFFICIENT_RESOURCES);
            return;
        }
        call.state().created(open.fileId());
        FileAttributeValues attributes = new FileAttributeValues(0, 0, 0, 0, 0, 0, NORMAL);
        files.reply(call, NtStatus.STATUS_SUCCESS,
                new Smb2CreateResponse(0, OPENED, attributes, open.fileId(), List.of())::encode);
    }

    private void write(FileRequests.Call call, WireReader body) {
        Smb2WriteRequest request;
        try {
            request = Smb2WriteRequest.decode(body, NamedPipe.MAX_PENDING_BYTES);
        } catch (SmbWireException e) {
            files.error(call, NtStatus.STATUS_INVALID_PARAMETER);
            return;
        }
        NamedPipe pipe = pipe(call, files.open(call, request.fileId()));
        if (pipe == null) {
            return;
        }
        if (!pipe.write(request.data())) {
            files.error(call, NtStatus.STATUS_INSUFFICIENT_RESOURCES);
            return;
        }
        files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2WriteResponse(request.data().length)::encode);
    }

    private void read(FileRequests.Call call, WireReader body) {
        Smb2ReadRequest request = files.decode(call, body, Smb2ReadRequest::decode);
        if (request == null) {
            return;
        }
        NamedPipe pipe = pipe(call, files.open(call, request.fileId()));
        if (pipe == null) {
            return;
        }
        if (!pipe.hasPending()) {
            files.error(call, NtStatus.STATUS_PIPE_EMPTY);
            return;
        }
        byte[] chunk = pipe.read(request.length());
        int status = pipe.hasPending() ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS;
        files.reply(call, status, new Smb2ReadResponse(ByteBuffer.wrap(chunk))::encode);
    }

    private void close(FileRequests.Call call, WireReader body) {
        Smb2CloseRequest request = files.decode(call, body, Smb2CloseRequest::decode);
        if (request == null) {
            return;
        }
        SmbOpen open = files.open(call, request.fileId());
        if (open != null) {
            call.session().opens().remove(open);
            files.reply(call, NtStatus.STATUS_SUCCESS, Smb2CloseResponse.WITHOUT_ATTRIBUTES::encode);
        }
    }

    /** The open's pipe; null (and answered) when the FileId names nothing, or a file rather than a pipe. */
    private NamedPipe pipe(FileRequests.Call call, SmbOpen open) {
        if (open == null) {
            return null;
        }
        if (open.pipe() == null) {
            files.error(call, NtStatus.STATUS_INVALID_DEVICE_REQUEST);
        }
        return open.pipe();
    }
}
