package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.DirListFitter;
import io.cistern.nfs.nfs3.wire.Readdirplus3Args;
import io.cistern.nfs.nfs3.wire.ReaddirResult;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsListener;

/**
 * NFSPROC3_READDIRPLUS (RFC 1813 section 3.3.17). As for READDIR, the application is asked for as many entries as
 * could fit both of the client's bounds with the shortest names: dircount for the names and cookies, maxcount for
 * the whole reply with each entry's attributes (which the application supplies for READDIRPLUS) and a handle of no
 * bytes. The encoder then keeps those that really fit.
 */
final class ReaddirplusHandler implements ProcedureHandler<Readdirplus3Args, ReaddirResult> {
    @Override
    public ReaddirResult handle(NfsCaller caller, Readdirplus3Args args, NfsListener listener) {
        NfsDirectoryReply listing = listener.readdir(caller, args.directory(), args.cookie(), args.cookieVerifier(),
                maxEntries(args.dircount(), args.maxcount()), true);
        return ReaddirResult.readdirplus(listing, args.dircount(), args.maxcount());
    }

    @Override
    public ReaddirResult handleInMemory(NfsCaller caller, Readdirplus3Args args, NfsListener listener) {
        NfsDirectoryReply listing = listener.readdirInMemory(caller, args.directory(), args.cookie(),
                args.cookieVerifier(), maxEntries(args.dircount(), args.maxcount()), true);
        return listing == null ? null : ReaddirResult.readdirplus(listing, args.dircount(), args.maxcount());
    }

    /** min(dircount / 24, (maxcount - 104) / 124), bounded to 1..{@link Nfs3Limits#MAX_DIR_ENTRIES}. */
    static int maxEntries(long dircount, long maxcount) {
        long byNames = dircount / DirListFitter.SMALLEST_ENTRYPLUS3_DIR_BYTES;
        long byReply = (maxcount - DirListFitter.LARGEST_EMPTY_RESOK)
                / DirListFitter.SMALLEST_ENTRYPLUS3_WITH_ATTRIBUTES;
        return Nfs3Limits.dirEntriesToAsk(Math.min(byNames, byReply));
    }
}
