package io.cistern.nfs.mount.wire;

import io.cistern.nfs.nfs3.wire.FileHandle3;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * mountres3 (RFC 1813 section 5.2.1): mountstat3, then on success the export's root handle (fhandle3, the same
 * bytes as nfs_fh3) and the authentication flavors the client may use for it.
 */
public final class MountRes3 {
    /** No server offers more flavors than this; a longer list is garbage, not a reason to allocate. */
    static final int MAX_FLAVORS = 64;

    private MountRes3() {
    }

    public static void encode(NfsMountReply reply, XdrWriter out) {
        MountStat3.encode(reply.status(), out);
        if (MountStat3.of(reply.status()) == NfsStatus.OK) {
            FileHandle3.encode(reply.rootHandle(), out);
            out.writeInt(reply.authFlavors().size());
            reply.authFlavors().forEach(out::writeInt);
        }
    }

    public static NfsMountReply decode(XdrReader in) throws XdrException {
        NfsStatus status = MountStat3.decode(in);
        if (status != NfsStatus.OK) {
            return NfsMountReply.failure(status);
        }
        byte[] handle = FileHandle3.decode(in);
        long count = in.readUnsignedInt();
        if (count > MAX_FLAVORS) {
            throw new XdrException(count + " auth flavors, at most " + MAX_FLAVORS + " expected");
        }
        List<Integer> flavors = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            flavors.add(in.readInt());
        }
        return new NfsMountReply(status, handle, flavors);
    }
}
