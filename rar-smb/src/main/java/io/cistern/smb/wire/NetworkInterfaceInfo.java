package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * NETWORK_INTERFACE_INFO, [MS-SMB2] 2.2.32.5: one address of one interface in the answer to
 * FSCTL_QUERY_NETWORK_INTERFACE_INFO, with its SockAddr_Storage (2.2.32.5.1: SOCKADDR_IN, family 0x0002, or
 * SOCKADDR_IN6, family 0x0017; Port, FlowInfo and ScopeId 0, the address in network byte order). Entries follow each
 * other 152 bytes apart, each Next giving the offset of the following one and the last 0. A link-local IPv6
 * address, which means nothing without its scope, is no address for this structure.
 *
 * @param ifIndex    the interface's index, never 0
 * @param capability {@link #RSS_CAPABLE}, {@link #RDMA_CAPABLE} or 0
 * @param linkSpeed  bits per second; 0 when unknown
 * @param address    an IPv4 or IPv6 address of the interface
 */
public record NetworkInterfaceInfo(int ifIndex, int capability, long linkSpeed, InetAddress address) {
    public static final int SIZE = 152;
    public static final int RSS_CAPABLE = 0x1;
    public static final int RDMA_CAPABLE = 0x2;
    static final int FAMILY_INET = 0x0002;
    static final int FAMILY_INET6 = 0x0017;

    public NetworkInterfaceInfo {
        if (ifIndex == 0) {
            throw new IllegalArgumentException("IfIndex 0 is never listed (3.3.5.15.11)");
        }
        if (!carries(address)) {
            throw new IllegalArgumentException("not an address SockAddr_Storage carries: " + address);
        }
    }

    public static byte[] encode(List<NetworkInterfaceInfo> interfaces) {
        ByteBuf out = Unpooled.buffer(interfaces.size() * SIZE);
        for (int i = 0; i < interfaces.size(); i++) {
            NetworkInterfaceInfo entry = interfaces.get(i);
            int start = out.writerIndex();
            out.writeIntLE(i + 1 < interfaces.size() ? SIZE : 0);
            out.writeIntLE(entry.ifIndex);
            out.writeIntLE(entry.capability);
            out.writeIntLE(0);
            out.writeLongLE(entry.linkSpeed);
            if (entry.address instanceof Inet6Address v6) {
                out.writeShortLE(FAMILY_INET6).writeShort(0).writeInt(0).writeBytes(v6.getAddress()).writeInt(0);
            } else {
                out.writeShortLE(FAMILY_INET).writeShort(0).writeBytes(entry.address.getAddress()).writeZero(8);
            }
            out.writeZero(start + SIZE - out.writerIndex());
        }
        return ByteBufUtil.getBytes(out);
    }

    /** Reads the chain of entries from its first, following Next; an offset that leaves the buffer is refused. */
    public static List<NetworkInterfaceInfo> decode(byte[] output) throws SmbWireException {
        List<NetworkInterfaceInfo> interfaces = new ArrayList<>();
        int at = 0;
        while (output.length > 0) {
            if (at < 0 || output.length - at < SIZE) {
                throw new SmbWireException("NETWORK_INTERFACE_INFO at " + at + " beyond " + output.length + " bytes");
            }
            WireReader in = new WireReader(Unpooled.wrappedBuffer(output, at, SIZE));
            int next = in.readInt32();
            int ifIndex = in.readInt32();
            int capability = in.readInt32();
            in.skip(4);
            long linkSpeed = in.readInt64();
            interfaces.add(new NetworkInterfaceInfo(ifIndex, capability, linkSpeed, address(in)));
            if (next == 0) {
                break;
            }
            if (next < SIZE || next % 8 != 0) {
                throw new SmbWireException("NETWORK_INTERFACE_INFO Next " + next);
            }
            at += next;
        }
        return interfaces;
    }

    private static InetAddress address(WireReader in) throws SmbWireException {
        int family = in.readUInt16();
        in.skip(2);
        try {
            if (family == FAMILY_INET) {
                return InetAddress.getByAddress(in.readBytes(4));
            }
            if (family == FAMILY_INET6) {
                in.skip(4);
                return InetAddress.getByAddress(in.readBytes(16));
            }
        } catch (UnknownHostException e) {
            throw new SmbWireException("an address of the wrong length");
        }
        throw new SmbWireException("SockAddr_Storage family " + family);
    }

    /** Whether SockAddr_Storage can carry the address: IPv4, or IPv6 that is not link-local. */
    public static boolean carries(InetAddress address) {
        return address instanceof Inet4Address
                || address instanceof Inet6Address && !address.isLinkLocalAddress();
    }
}
