package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * nlm4_lockargs (RFC 1813 appendix II): the arguments of LOCK, LOCK_MSG and NM_LOCK.
 *
 * @param block     wait for the lock (BLOCKED now, GRANTED later) instead of being DENIED
 * @param reclaim   re-establishes a lock held before the server restarted (grace period)
 * @param state     the client's NSM state number; not passed on (the SPI has no place for it, see NlmProgram)
 */
public record Nlm4LockArgs(byte[] cookie, boolean block, boolean exclusive, NlmLock lock, boolean reclaim, int state) {

    public static Nlm4LockArgs decode(XdrReader in) throws XdrException {
        byte[] cookie = Netobj.decode(in);
        boolean block = in.readBoolean();
        boolean exclusive = in.readBoolean();
        NlmLock lock = Nlm4Lock.decode(in);
        return new Nlm4LockArgs(cookie, block, exclusive, lock, in.readBoolean(), in.readInt());
    }

    public void encode(XdrWriter out) {
        Netobj.encode(cookie, out);
        out.writeBoolean(block).writeBoolean(exclusive);
        Nlm4Lock.encode(lock, out);
        out.writeBoolean(reclaim).writeInt(state);
    }
}
