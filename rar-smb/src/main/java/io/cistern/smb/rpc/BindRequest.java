package io.cistern.smb.rpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a bind PDU, [C706] 12.6.4.3: the client's fragment sizes, its association group, and the presentation
 * contexts it proposes, each an abstract syntax (the interface) with the transfer syntaxes it can speak.
 */
record BindRequest(int maxTransmitFragment, int maxReceiveFragment, long associationGroup,
                   List<Context> contexts) {
    /** More than any client proposes (Windows sends three); a larger count is a malformed PDU. */
    static final int MAX_CONTEXTS = 16;

    /** p_cont_elem_t. */
    record Context(int id, SyntaxId abstractSyntax, List<SyntaxId> transferSyntaxes) {
    }

    static BindRequest decode(byte[] pdu) throws RpcProtocolException {
        int at = RpcHeader.SIZE;
        int maxTransmit = RpcHeader.u16(pdu, at);
        int maxReceive = RpcHeader.u16(pdu, at + 2);
        long group = RpcHeader.u32(pdu, at + 4);
        int count = RpcHeader.u16(pdu, at + 8) & 0xFF;
        if (count == 0 || count > MAX_CONTEXTS) {
            throw new RpcProtocolException("a bind with " + count + " presentation contexts");
        }
        at += 12;
        List<Context> contexts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = RpcHeader.u16(pdu, at);
            int transfers = RpcHeader.u16(pdu, at + 2) & 0xFF;
            SyntaxId abstractSyntax = SyntaxId.decode(pdu, at + 4);
            at += 4 + SyntaxId.SIZE;
            List<SyntaxId> transferSyntaxes = new ArrayList<>(transfers);
            for (int t = 0; t < transfers; t++) {
                transferSyntaxes.add(SyntaxId.decode(pdu, at));
                at += SyntaxId.SIZE;
            }
            contexts.add(new Context(id, abstractSyntax, transferSyntaxes));
        }
        return new BindRequest(maxTransmit, maxReceive, group, contexts);
    }
}
