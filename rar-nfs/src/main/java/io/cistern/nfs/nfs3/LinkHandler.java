package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Link3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsListener;

/** NFSPROC3_LINK (RFC 1813 section 3.3.15). */
final class LinkHandler implements ProcedureHandler<Link3Args, NfsLinkReply> {
    @Override
    public NfsLinkReply handle(NfsCaller caller, Link3Args args, NfsListener listener) {
        return listener.link(caller, args.file(), args.link().directory(), args.link().name());
    }
}
