package io.cistern.smb.server;

import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbVolumeReply;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2QueryInfoResponse;
import io.cistern.smb.wire.WireReader;
import java.util.Arrays;

/**
 * SMB2 QUERY_INFO, [MS-SMB2] 3.3.5.20, for the classes {@link InformationEncoder} knows.
 * <ul>
 * <li>STATUS_INVALID_PARAMETER: a body that is not a QUERY_INFO request (2.2.37), or an OutputBufferLength above
 *     the MaxTransactSize NEGOTIATE announced; STATUS_FILE_CLOSED: an unknown FileId; STATUS_INVALID_INFO_CLASS: a
 *     class not implemented; STATUS_NOT_SUPPORTED: security descriptors and quotas (no ACLs are kept);</li>
 * <li>STATUS_ACCESS_DENIED: Basic, All, NetworkOpen and AttributeTag without FILE_READ_ATTRIBUTES, EA without
 *     FILE_READ_EA ([MS-FSA] 2.1.5.11);</li>
 * <li>an OutputBufferLength below the class's fixed part: STATUS_INFO_LENGTH_MISMATCH; below the whole of a class
 *     with a variable part (All, Stream, FsVolume, FsAttribute): as much as fits, with STATUS_BUFFER_OVERFLOW.</li>
 * </ul>
 */
final class Smb2QueryInfoHandler {
    private final FileRequests files;

    Smb2QueryInfoHandler(FileRequests files) {
        this.files = files;
    }

    void handle(FileRequests.Call call, WireReader body) {
        Smb2QueryInfoRequest request = files.decode(call, body, Smb2QueryInfoRequest::decode);
        SmbOpen open = request == null ? null : files.open(call, request.fileId());
        if (open == null) {
            return;
        }
        int refusal = refusal(request, open);
        if (refusal != NtStatus.STATUS_SUCCESS) {
            files.error(call, refusal);
        } else if (request.infoType() == Smb2QueryInfoRequest.INFO_FILE) {
            files.submit(call, listener -> files.retrying(() -> listener.fileInfo(call.caller(), call.user(),
                    open.handle()), SmbInfoReply::status), reply -> {
                if (reply.status() != SmbFileStatus.OK) {
                    files.error(call, reply.status());
                } else {
                    boolean pending = files.registry().deletePending(open.fileNumber());
                    answer(call, request, InformationEncoder.file(request.fileInfoClass(), reply.info(), open,
                            pending));
                }
            });
        } else if (InformationEncoder.needsVolume(request.fileInfoClass())) {
            files.submit(call, listener -> files.retrying(() -> listener.volume(call.caller(), call.user(),
                    call.shareId()), SmbVolumeReply::status), volume -> {
                if (volume.status() != SmbFileStatus.OK) {
                    files.error(call, volume.status());
                } else {
                    answer(call, request, InformationEncoder.fileSystem(request.fileInfoClass(), call.tree(), volume));
                }
            });
        } else {
            answer(call, request, InformationEncoder.fileSystem(request.fileInfoClass(), call.tree(), null));
        }
    }

    private static int refusal(Smb2QueryInfoRequest request, SmbOpen open) {
        int infoClass = request.fileInfoClass();
        if (Integer.compareUnsigned(request.outputBufferLength(), NegotiateResponder.MAX_TRANSACT_SIZE) > 0) {
            return NtStatus.STATUS_INVALID_PARAMETER;
        }
        switch (request.infoType()) {
            case Smb2QueryInfoRequest.INFO_FILE:
                if (infoClass == InformationClass.FILE_ALTERNATE_NAME) {
                    // no 8.3 names are made: Windows answers a file without one so ([MS-FSA] 2.1.5.12.2)
                    return NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
                }
                if (!InformationEncoder.knowsFileClass(infoClass)) {
                    return NtStatus.STATUS_INVALID_INFO_CLASS;
                }
                boolean attributes = infoClass == InformationClass.FILE_BASIC || infoClass == InformationClass.FILE_ALL
                        || infoClass == InformationClass.FILE_NETWORK_OPEN
                        || infoClass == InformationClass.FILE_ATTRIBUTE_TAG;
                if (attributes && !open.granted(AccessMask.FILE_READ_ATTRIBUTES)
                        || infoClass == InformationClass.FILE_EA && !open.granted(AccessMask.FILE_READ_EA)) {
                    return NtStatus.STATUS_ACCESS_DENIED;
                }
                return NtStatus.STATUS_SUCCESS;
            case Smb2QueryInfoRequest.INFO_FILESYSTEM:
                return InformationEncoder.fileSystem(infoClass, open.tree(), new SmbVolumeReply(SmbFileStatus.OK, 0, 0,
                        0)) == null ? NtStatus.STATUS_INVALID_INFO_CLASS : NtStatus.STATUS_SUCCESS;
            case Smb2QueryInfoRequest.INFO_SECURITY, Smb2QueryInfoRequest.INFO_QUOTA:
                return NtStatus.STATUS_NOT_SUPPORTED;
            default:
                return NtStatus.STATUS_INVALID_PARAMETER;
        }
    }

    private void answer(FileRequests.Call call, Smb2QueryInfoRequest request, InformationEncoder.Encoded encoded) {
        int room = request.outputBufferLength();
        if (room < encoded.fixedSize()) {
            files.error(call, NtStatus.STATUS_INFO_LENGTH_MISMATCH);
        } else if (encoded.bytes().length > room) {
            files.reply(call, NtStatus.STATUS_BUFFER_OVERFLOW,
                    new Smb2QueryInfoResponse(Arrays.copyOf(encoded.bytes(), room))::encode);
        } else {
            files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2QueryInfoResponse(encoded.bytes())::encode);
        }
    }
}
