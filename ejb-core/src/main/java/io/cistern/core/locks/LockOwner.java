package io.cistern.core.locks;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who holds a lock. Two requests are the same owner only if all four parts match, so that NLM's and SMB's owners
 * never coincide (a lock taken over one protocol conflicts with the other's like any other owner's) and two
 * processes of one client stay apart.
 * <p>
 * NLM uses {@code ("nlm", caller_name, oh, svid)}. Linux lockd identifies an owner by host and svid alone and
 * ignores oh; including oh changes nothing for Linux and FreeBSD clients, whose oh is built from the svid and
 * their node name ("svid@host"), and keeps apart owners of a client whose oh says they differ. SMB is meant to use
 * {@code ("smb", client, open id, session id)} or similar.
 *
 * @param protocol  the protocol the owner speaks; also the unit {@code freeAll} works in
 * @param host      the client host as that protocol names it (NLM caller_name)
 * @param handle    the protocol's opaque owner bytes (NLM oh); copied in and out
 * @param processId the process on the host (NLM svid)
 * @param flavor    the rules the owner's locks follow among themselves
 */
public record LockOwner(String protocol, String host, byte[] handle, int processId, LockFlavor flavor) {

    public LockOwner {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(flavor, "flavor");
        handle = handle == null ? new byte[0] : handle.clone();
    }

    /** A POSIX owner, as NLM's are. */
    public LockOwner(String protocol, String host, byte[] handle, int processId) {
        this(protocol, host, handle, processId, LockFlavor.POSIX);
    }

    public boolean windows() {
        return flavor == LockFlavor.WINDOWS;
    }

    @Override
    public byte[] handle() {
        return handle.clone();
    }

    /** Whether the owner belongs to the host, as a client reboot (NSM) or NLM FREE_ALL names it. */
    public boolean isOf(String protocolName, String hostName) {
        return protocol.equals(protocolName) && host.equals(hostName);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LockOwner that && processId == that.processId && protocol.equals(that.protocol)
                && host.equals(that.host) && Arrays.equals(handle, that.handle) && flavor == that.flavor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, host, processId) * 31 + Arrays.hashCode(handle);
    }

    @Override
    public String toString() {
        return protocol + ":" + host + ":" + processId + ":" + HexFormat.of().formatHex(handle);
    }
}
