package io.cistern.nfs.mount.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * mountlist (RFC 1813 section 5.2.2), the result of DUMP: a linked list in XDR's optional-data form, each
 * entry preceded by TRUE and the list ended by FALSE.
 */
public final class MountList {
    private MountList() {
    }

    public static void encode(List<MountBody> mounts, XdrWriter out) {
        for (MountBody mount : mounts) {
            out.writeBoolean(true);
            mount.encode(out);
        }
        out.writeBoolean(false);
    }

    /** Every entry consumes bytes, so a hostile list ends with the message at the latest. */
    public static List<MountBody> decode(XdrReader in) throws XdrException {
        List<MountBody> mounts = new ArrayList<>();
        while (in.readBoolean()) {
            mounts.add(MountBody.decode(in));
        }
        return mounts;
    }
}
