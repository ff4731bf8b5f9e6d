package io.cistern.smb.server;

import io.cistern.smb.dtyp.SecurityDescriptor;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbVolumeReply;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2ErrorResponse;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2QueryInfoResponse;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * SMB2 QUERY_INFO, [MS-SMB2] 3.3.5.20, for the classes {@link InformationEncoder} knows.
 * <ul>
 * <li>STATUS_INVALID_PARAMETER: a body that is not a QUERY_INFO request (2.2.37), or an OutputBufferLength above
 *     the MaxTransactSize NEGOTIATE announced; STATUS_FILE_CLOSED: an unknown FileId; STATUS_INVALID_INFO_CLASS: a
 *     class not implemented; STATUS_NOT_SUPPORTED: quotas;</li>
 * <li>STATUS_ACCESS_DENIED: Basic, All, NetworkOpen and AttributeTag without FILE_READ_ATTRIBUTES, EA without
 *     FILE_READ_EA ([MS-FSA] 2.1.5.11); a security descriptor's owner, group, DACL or label without READ_CONTROL,
 *     its SACL without ACCESS_SYSTEM_SECURITY ([MS-FSA] 2.1.5.14);</li>
 * <li>security (3.3.5.20.3): the parts AdditionalInformation asks for of the descriptor
 *     {@link UnixSecurityMapping} makes of the file's owner, group and mode; when it does not fit,
 *     STATUS_BUFFER_TOO_SMALL with the size it needs as error data (in an error context on 3.1.1), never a part;</li>
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
        } else if (request.infoType() == Smb2QueryInfoRequest.INFO_SECURITY) {
            files.submit(call, listener -> files.retrying(() -> listener.fileInfo(call.caller(), call.user(),
                    open.handle()), SmbInfoReply::status), reply -> {
                if (reply.status() != SmbFileStatus.OK) {
                    files.error(call, reply.status());
                } else {
                    security(call, request, UnixSecurityMapping.describe(reply.info(),
                            request.additionalInformation()));
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
            case Smb2QueryInfoRequest.INFO_SECURITY:
                return securityRefusal(request.additionalInformation(), open);
            case Smb2QueryInfoRequest.INFO_QUOTA:
                return NtStatus.STATUS_NOT_SUPPORTED;
            default:
                return NtStatus.STATUS_INVALID_PARAMETER;
        }
    }

    private static int securityRefusal(int additional, SmbOpen open) {
        int controlled = UnixSecurityMapping.OWNER_SECURITY_INFORMATION
                | UnixSecurityMapping.GROUP_SECURITY_INFORMATION | UnixSecurityMapping.DACL_SECURITY_INFORMATION
                | UnixSecurityMapping.LABEL_SECURITY_INFORMATION;
        boolean sacl = (additional & UnixSecurityMapping.SACL_SECURITY_INFORMATION) != 0;
        if (sacl && !open.granted(AccessMask.ACCESS_SYSTEM_SECURITY)
                || (additional & controlled) != 0 && !open.granted(AccessMask.READ_CONTROL)) {
            return NtStatus.STATUS_ACCESS_DENIED;
        }
        return NtStatus.STATUS_SUCCESS;
    }

    private void security(FileRequests.Call call, Smb2QueryInfoRequest request, SecurityDescriptor descriptor) {
        int needed = descriptor.size();
        if (Integer.compareUnsigned(request.outputBufferLength(), needed) >= 0) {
            files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2QueryInfoResponse(descriptor.toBytes())::encode);
            return;
        }
        ByteBuf data = Unpooled.buffer(12);
        int contexts = 0;
        if (call.state().negotiateDialect() == Smb2Dialect.SMB_3_1_1) {
            // one SMB2 ERROR Context ([MS-SMB2] 2.2.2.1): ErrorDataLength 4, ErrorId 0 (default)
            data.writeIntLE(4).writeIntLE(0);
            contexts = 1;
        }
        data.writeIntLE(needed);
        files.reply(call, NtStatus.STATUS_BUFFER_TOO_SMALL,
                new Smb2ErrorResponse(contexts, Arrays.copyOf(data.array(), data.writerIndex()))::encode);
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
