package io.cistern.nfs.portmap.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;

/**
 * mapping (RFC 1833 section 3.1): a program and version reachable over a protocol at a port. The argument of
 * SET, UNSET and GETPORT (whose port is ignored) and the element of DUMP's list. All four are unsigned on the
 * wire; programs and ports fit an int, and versions above 2^31 do not exist.
 *
 * @param program  program number
 * @param version  program version
 * @param protocol {@link #IPPROTO_TCP} or {@link #IPPROTO_UDP}
 * @param port     port number, 0 for none
 */
public record PortMapping(int program, int version, int protocol, int port) {
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;

    public static PortMapping decode(XdrReader in) throws XdrException {
        return new PortMapping(in.readInt(), in.readInt(), in.readInt(), in.readInt());
    }

    public void encode(XdrWriter out) {
        out.writeInt(program).writeInt(version).writeInt(protocol).writeInt(port);
    }

    /** Whether this mapping answers a GETPORT for {@code query}: same program, version and protocol. */
    public boolean serves(PortMapping query) {
        return program == query.program && version == query.version && protocol == query.protocol;
    }

    /** As rpcinfo -p prints it, for logs. */
    @Override
    public String toString() {
        String proto = protocol == IPPROTO_TCP ? "tcp" : protocol == IPPROTO_UDP ? "udp" : "proto " + protocol;
        return program + " v" + version + " " + proto + " port " + port;
    }
}
