package io.cistern.smb.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server end of one open of the {@code srvsvc} named pipe: a PDU in, the PDUs that answer it out. A bind is
 * answered with the srvsvc interface in NDR accepted and every other proposal refused; a request on the accepted
 * context runs the operation; anything else gets a fault, and a PDU that cannot be parsed at all a protocol-error
 * fault. Not thread-safe: an open is used by one request at a time.
 */
public final class SrvsvcPipe {
    /** The name a client opens on IPC$, matched ignoring case. */
    public static final String NAME = "srvsvc";
    /** The largest fragment this end sends or takes ([MS-RPCE] 3.3.3.5.4: at least 1432). */
    static final int MAX_FRAGMENT = 4280;
    private static final long ASSOCIATION_GROUP = 0x5363;

    private final Srvsvc srvsvc;
    private Integer boundContext;
    private int clientMaxReceive = MAX_FRAGMENT;

    /** @param shares what NetrShareEnumAll lists for this pipe's user, asked for at each call */
    public SrvsvcPipe(Supplier<List<ShareEntry>> shares) {
        this.srvsvc = new Srvsvc(shares);
    }

    /** The answer to one PDU, as the bytes a client then reads from the pipe. */
    public byte[] transact(byte[] pdu) {
        RpcHeader header;
        try {
            header = RpcHeader.decode(pdu);
        } catch (RpcProtocolException e) {
            return RpcCalls.fault(0, 0, RpcCalls.FAULT_PROTOCOL_ERROR);
        }
        try {
            return switch (header.type()) {
                case RpcHeader.BIND -> bind(header, BindRequest.decode(pdu));
                case RpcHeader.REQUEST -> request(RpcCalls.decodeRequest(header, pdu));
                default -> RpcCalls.fault(header.callId(), 0, RpcCalls.FAULT_PROTOCOL_ERROR);
            };
        } catch (RpcProtocolException e) {
            return RpcCalls.fault(header.callId(), 0, RpcCalls.FAULT_PROTOCOL_ERROR);
        }
    }

    private byte[] bind(RpcHeader header, BindRequest bind) {
        List<BindAck.Result> results = new ArrayList<>();
        for (BindRequest.Context context : bind.contexts()) {
            results.add(result(context));
        }
        // what this end sends is bounded by what the client receives, and the other way round
        clientMaxReceive = Math.max(RpcCalls.RESPONSE_HEADER_SIZE + 8, Math.min(MAX_FRAGMENT,
                bind.maxReceiveFragment()));
        int serverMaxReceive = Math.min(MAX_FRAGMENT, bind.maxTransmitFragment());
        return new BindAck(header.callId(), clientMaxReceive, serverMaxReceive, ASSOCIATION_GROUP,
                "\\PIPE\\" + NAME, results).encode();
    }

    private BindAck.Result result(BindRequest.Context context) {
        if (context.abstractSyntax().equals(SyntaxId.SRVSVC) && context.transferSyntaxes().contains(SyntaxId.NDR)
                && boundContext == null) {
            boundContext = context.id();
            return new BindAck.Result(BindAck.Result.ACCEPTANCE, 0, SyntaxId.NDR);
        }
        if (context.transferSyntaxes().stream().anyMatch(SyntaxId::isFeatureNegotiation)) {
            // [MS-RPCE] 3.3.1.5.3: no optional features (security context multiplexing, keeping the connection)
            return new BindAck.Result(BindAck.Result.NEGOTIATE_ACK, 0, SyntaxId.NONE);
        }
        int reason = context.abstractSyntax().equals(SyntaxId.SRVSVC)
                ? BindAck.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED : BindAck.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED;
        return new BindAck.Result(BindAck.Result.PROVIDER_REJECTION, reason, SyntaxId.NONE);
    }

    private byte[] request(RpcCalls.Request request) throws RpcProtocolException {
        if (boundContext == null || boundContext != request.contextId()) {
            return RpcCalls.fault(request.callId(), request.contextId(), RpcCalls.FAULT_UNKNOWN_INTERFACE);
        }
        if (!srvsvc.handles(request.opnum())) {
            return RpcCalls.fault(request.callId(), request.contextId(), RpcCalls.FAULT_OPERATION_RANGE);
        }
        return RpcCalls.response(request.callId(), request.contextId(), srvsvc.call(request.opnum(), request.stub()),
                clientMaxReceive);
    }
}
