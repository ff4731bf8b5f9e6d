package io.cistern.smb.server;

import io.cistern.smb.wire.NetworkInterfaceInfo;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2IoctlRequest;
import io.cistern.smb.wire.Smb2IoctlResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.ValidateNegotiateInfo;
import io.cistern.smb.wire.WireReader;
import io.netty.channel.Channel;

/**
 * SMB2 IOCTL, [MS-SMB2] 3.3.5.15, for a request already put in its session and tree connect.
 * <ul>
 * <li>a body that is not an IOCTL request (2.2.31): STATUS_INVALID_PARAMETER;</li>
 * <li>Flags other than SMB2_0_IOCTL_IS_FSCTL: STATUS_NOT_SUPPORTED (3.3.5.15);</li>
 * <li>FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12): the client's copy of its NEGOTIATE is compared with what
 *     the server received, and the server's answer is sent back, always signed, for the client to compare with what
 *     it received; any difference (a downgrade by a man in the middle), a 3.1.1 connection (whose
 *     pre-authentication hash does this job) or too small an output buffer ends the connection without a reply,
 *     as the section requires;</li>
 * <li>FSCTL_PIPE_TRANSCEIVE (3.3.5.15.1): one PDU into an open named pipe ({@link PipeRequests}) and its answer out,
 *     STATUS_BUFFER_OVERFLOW when the answer is longer than MaxOutputResponse (the rest is READ); a FileId that is no
 *     open of the tree: STATUS_FILE_CLOSED; an open that is not a pipe: STATUS_INVALID_DEVICE_REQUEST;</li>
 * <li>FSCTL_DFS_GET_REFERRALS and _EX: STATUS_NOT_FOUND, since no share is a DFS namespace;</li>
 * <li>FSCTL_SRV_REQUEST_RESUME_KEY, FSCTL_SRV_COPYCHUNK and _WRITE on a disk tree: {@link ServerSideCopy};</li>
 * <li>FSCTL_QUERY_NETWORK_INTERFACE_INFO (3.3.5.15.11): the listener's interfaces ({@link NetworkInterfaceList}),
 *     though SMB2_GLOBAL_CAP_MULTI_CHANNEL is not announced (no multichannel is built), as Samba answers and
 *     smbtorture's bug14788 expects; a FileId other than all ones is STATUS_INVALID_PARAMETER and a
 *     MaxOutputResponse too small for the list STATUS_BUFFER_TOO_SMALL, as Samba;</li>
 * <li>any other FSCTL (object ids, sparse files, ...; server-side copy on IPC$) is about the open its FileId names: when there
 *     is none, STATUS_FILE_CLOSED (3.3.5.15 looks the open up before the object store sees the control code, and so
 *     do Windows and Samba: smbtorture's smb2.compound.related5); else STATUS_INVALID_DEVICE_REQUEST, Windows' answer
 *     for a control code the target does not implement.</li>
 * </ul>
 */
final class Smb2IoctlHandler {
    static final int FSCTL_DFS_GET_REFERRALS = 0x0006_0194;
    static final int FSCTL_DFS_GET_REFERRALS_EX = 0x0006_01B0;
    static final int FSCTL_PIPE_TRANSCEIVE = 0x0011_C017;
    static final int FSCTL_QUERY_NETWORK_INTERFACE_INFO = 0x0014_01FC;

    private final Smb2ResponseWriter writer;
    private final FileRequests files;
    private final ServerSideCopy copies;
    /** One for the listener's connections: the list is kept a while rather than made for each. */
    private static final NetworkInterfaceList INTERFACES = new NetworkInterfaceList();

    Smb2IoctlHandler(Smb2ResponseWriter writer, FileRequests files) {
        this.writer = writer;
        this.files = files;
        this.copies = new ServerSideCopy(files);
    }

    void handle(Channel channel, SmbConnectionState state, SmbSession session, TreeConnect tree, Smb2Header header,
                WireReader body) {
        ResponseProtection protection = session.responseProtection(header.isSigned());
        Smb2IoctlRequest request;
        try {
            request = Smb2IoctlRequest.decode(body);
        } catch (SmbWireException e) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protection);
            return;
        }
        if (!request.isFsctl()) {
            writer.writeError(channel, header, NtStatus.STATUS_NOT_SUPPORTED, protection);
        } else if (request.ctlCode() == ValidateNegotiateInfo.FSCTL) {
            validateNegotiate(channel, state, session, header, request);
        } else if (request.ctlCode() == FSCTL_PIPE_TRANSCEIVE) {
            transceive(channel, state, session, header, request);
        } else if (request.ctlCode() == FSCTL_DFS_GET_REFERRALS || request.ctlCode() == FSCTL_DFS_GET_REFERRALS_EX) {
            writer.writeError(channel, header, NtStatus.STATUS_NOT_FOUND, protection);
        } else if (request.ctlCode() == FSCTL_QUERY_NETWORK_INTERFACE_INFO) {
            networkInterfaces(channel, session, header, request);
        } else if (tree.share() != null && ServerSideCopy.handles(request.ctlCode())) {
            copies.handle(files.call(channel, state, session, tree, header), request);
        } else if (open(state, session, header, request) == null) {
            writer.writeError(channel, header, NtStatus.STATUS_FILE_CLOSED, protection);
        } else {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_DEVICE_REQUEST, protection);
        }
    }

    private void validateNegotiate(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header header,
                                   Smb2IoctlRequest request) {
        String mismatch = mismatch(state, request);
        if (mismatch != null) {
            Disconnect.now(channel, () -> "FSCTL_VALIDATE_NEGOTIATE_INFO: " + mismatch + " (MS-SMB2 3.3.5.15.12)");
            return;
        }
        ValidateNegotiateInfo.Response answer = new ValidateNegotiateInfo.Response(state.serverCapabilities(),
                state.serverGuid(), state.serverSecurityMode(), state.negotiateDialect());
        Smb2IoctlResponse response = new Smb2IoctlResponse(request.ctlCode(), request.filePersistent(),
                request.fileVolatile(), answer.encode());
        writer.write(channel, Smb2ResponseWriter.responseTo(header, NtStatus.STATUS_SUCCESS), response::encode,
                session.responseProtection(true));
    }

    private void networkInterfaces(Channel channel, SmbSession session, Smb2Header header, Smb2IoctlRequest request) {
        ResponseProtection protection = session.responseProtection(header.isSigned());
        if (request.filePersistent() != -1L || request.fileVolatile() != -1L) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_PARAMETER, protection);
            return;
        }
        byte[] output = NetworkInterfaceInfo.encode(INTERFACES.forChannel(channel));
        if (output.length > Integer.toUnsignedLong(request.maxOutputResponse())) {
            writer.writeError(channel, header, NtStatus.STATUS_BUFFER_TOO_SMALL, protection);
            return;
        }
        writer.write(channel, Smb2ResponseWriter.responseTo(header, NtStatus.STATUS_SUCCESS), new Smb2IoctlResponse(
                request.ctlCode(), request.filePersistent(), request.fileVolatile(), output)::encode, protection);
    }

    private void transceive(Channel channel, SmbConnectionState state, SmbSession session, Smb2Header header,
                            Smb2IoctlRequest request) {
        ResponseProtection protection = session.responseProtection(header.isSigned());
        SmbOpen open = open(state, session, header, request);
        if (open == null) {
            writer.writeError(channel, header, NtStatus.STATUS_FILE_CLOSED, protection);
            return;
        }
        NamedPipe pipe = open.pipe();
        if (pipe == null) {
            writer.writeError(channel, header, NtStatus.STATUS_INVALID_DEVICE_REQUEST, protection);
            return;
        }
        if (!pipe.write(request.input())) {
            writer.writeError(channel, header, NtStatus.STATUS_INSUFFICIENT_RESOURCES, protection);
            return;
        }
        byte[] output = pipe.read(request.maxOutputResponse());
        int status = pipe.hasPending() ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS;
        writer.write(channel, Smb2ResponseWriter.responseTo(header, status), new Smb2IoctlResponse(request.ctlCode(),
                request.filePersistent(), request.fileVolatile(), output)::encode, protection);
    }

    /** The open of the tree the request's FileId names (the chain's, for all ones in a related request), or null. */
    private static SmbOpen open(SmbConnectionState state, SmbSession session, Smb2Header header,
                                Smb2IoctlRequest request) {
        return session.opens().find(state.resolve(new Smb2FileId(request.filePersistent(), request.fileVolatile()),
                header), header.treeId());
    }

    /** Why the request fails validation, or null when it holds what the NEGOTIATE held. */
    private static String mismatch(SmbConnectionState state, Smb2IoctlRequest request) {
        if (state.negotiateDialect() == Smb2Dialect.SMB_3_1_1) {
            return "not used with 3.1.1";
        }
        if (request.maxOutputResponse() < ValidateNegotiateInfo.RESPONSE_SIZE) {
            return "MaxOutputResponse " + request.maxOutputResponse();
        }
        ValidateNegotiateInfo.Request claimed;
        try {
            claimed = ValidateNegotiateInfo.Request.decode(request.input());
        } catch (SmbWireException e) {
            return "malformed input";
        }
        if (!claimed.dialects().equals(state.clientDialects())) {
            return "dialects differ";
        }
        if (!claimed.guid().equals(state.clientGuid())) {
            return "client GUID differs";
        }
        if (claimed.securityMode() != state.clientSecurityMode()) {
            return "security mode differs";
        }
        if (claimed.capabilities() != state.clientCapabilities()) {
            return "capabilities differ";
        }
        return null;
    }
}
