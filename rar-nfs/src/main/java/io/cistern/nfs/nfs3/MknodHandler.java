package io.cistern.nfs.nfs3;

import io.cistern.nfs.nfs3.wire.Mknod3Args;
import io.cistern.nfs.rpc.ProcedureHandler;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsStatus;

/**
 * NFSPROC3_MKNOD (RFC 1813 section 3.3.11). MKNOD makes special files only: regular files, directories and links
 * have procedures of their own, and the RFC answers NFS3ERR_BADTYPE for them. That needs nothing from the file
 * system, so the adapter answers it without calling the application.
 */
final class MknodHandler implements ProcedureHandler<Mknod3Args, NfsCreateReply> {
    @Override
    public NfsCreateReply handle(NfsCaller caller, Mknod3Args args, NfsListener listener) {
        return switch (args.type()) {
            case CHR, BLK, SOCK, FIFO -> listener.mknod(caller, args.where().directory(), args.where().name(),
                    args.type(), args.attributes(), args.rdev());
            case REG, DIR, LNK -> NfsCreateReply.failure(NfsStatus.BADTYPE);
        };
    }
}
