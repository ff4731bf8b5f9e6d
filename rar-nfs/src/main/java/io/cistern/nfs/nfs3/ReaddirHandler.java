package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.DirListFitter;
import io.cistern.nfs.nfs3.wire.Readdir3Args;
import io.cistern.nfs.nfs3.wire.ReaddirResult;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsListener;

/**
 * NFSPROC3_READDIR (RFC 1813 section 3.3.16). The application is asked for as many entries as could possibly fit
 * the client's count, every one with the shortest name, so that a reply is never short for want of entries; the
 * encoder then keeps those that really fit. Real names are longer, so some entries are read and dropped, which
 * costs less than a round trip more.
 */
final class ReaddirHandler implements ProcedureHandler<Readdir3Args, ReaddirResult> {
    @Override
    public ReaddirResult handle(NfsCaller caller, Readdir3Args args, NfsListener listener) {
        NfsDirectoryReply listing = listener.readdir(caller, args.directory(), args.cookie(), args.cookieVerifier(),
                maxEntries(args.count()), false);
        return ReaddirResult.readdir(listing, args.count());
    }

    @Override
    public ReaddirResult handleInMemory(NfsCaller caller, Readdir3Args args, NfsListener listener) {
        NfsDirectoryReply listing = listener.readdirInMemory(caller, args.directory(), args.cookie(),
                args.cookieVerifier(), maxEntries(args.count()), false);
        return listing == null ? null : ReaddirResult.readdir(listing, args.count());
    }

    /** (count - 104) / 28, bounded to 1..{@link Nfs3Limits#MAX_DIR_ENTRIES}. */
    static int maxEntries(long count) {
        return Nfs3Limits.dirEntriesToAsk(
                (count - DirListFitter.LARGEST_EMPTY_RESOK) / DirListFitter.SMALLEST_ENTRY3);
    }
}
