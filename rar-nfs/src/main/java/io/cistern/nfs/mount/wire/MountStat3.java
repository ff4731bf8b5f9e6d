package io.cistern.nfs.mount.wire;

import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.EnumSet;
import java.util.Set;

/**
 * mountstat3 (RFC 1813 section 5.1.5). Its values are those of nfsstat3 for the errors MOUNT shares with NFS,
 * so the application answers with an {@link NfsStatus}; a status MOUNT does not define becomes
 * MNT3ERR_SERVERFAULT, since a client would not know what to make of it.
 */
public final class MountStat3 {
    private static final Set<NfsStatus> DEFINED = EnumSet.of(NfsStatus.OK, NfsStatus.PERM, NfsStatus.NOENT,
            NfsStatus.IO, NfsStatus.ACCES, NfsStatus.NOTDIR, NfsStatus.INVAL, NfsStatus.NAMETOOLONG,
            NfsStatus.NOTSUPP, NfsStatus.SERVERFAULT);

    private MountStat3() {
    }

    /** The status a client will see for {@code status}. */
    public static NfsStatus of(NfsStatus status) {
        return status != null && DEFINED.contains(status) ? status : NfsStatus.SERVERFAULT;
    }

    public static void encode(NfsStatus status, XdrWriter out) {
        out.writeInt(of(status).code());
    }

    public static NfsStatus decode(XdrReader in) throws XdrException {
        int code = in.readInt();
        for (NfsStatus status : DEFINED) {
            if (status.code() == code) {
                return status;
            }
        }
        throw new XdrException("no mountstat3 " + code);
    }
}
