package io.cistern.nfs.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SET and UNSET through the RPC pipeline, with datagrams from senders of the test's choosing: only this host may
 * register, which is the whole of the portmapper's defence against redirection.
 */
class PortmapRegistrationTest {
    private static final InetSocketAddress PORTMAPPER = new InetSocketAddress("127.0.0.1", 111);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 801);
    private static final InetSocketAddress LOCAL_V6 = new InetSocketAddress("::1", 802);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.7", 803);
    private static final PortMapping CALLBACK = new PortMapping(100021, 4, PortMapping.IPPROTO_UDP, 4045);
    private static final PortMapping QUERY = new PortMapping(100021, 4, PortMapping.IPPROTO_UDP, 0);

    private final PortmapRegistry registry = PortmapRegistry.of(111, 12049, List.of(Nfs3Program.create()));
    private final RequestExecutor inline = task -> {
        task.accept(null);
        return true;
    };
    private final EmbeddedChannel socket = new EmbeddedChannel(new RpcCallHandler(
            Map.of(PortmapProgram.PROGRAM, PortmapProgram.forDatagrams(registry)), inline, 16));
    private int xid;

    @AfterEach
    void close() {
        socket.finishAndReleaseAll();
    }

    @Test
    void aRemoteSetOrUnsetIsRefusedAndChangesNothing() throws Exception {
        assertFalse(call(REMOTE, PortmapProgram.PROC_SET, CALLBACK).readBoolean());
        assertEquals(0, call(REMOTE, PortmapProgram.PROC_GETPORT, QUERY).readUnsignedInt());
        assertTrue(call(LOCAL, PortmapProgram.PROC_SET, CALLBACK).readBoolean());
        assertFalse(call(REMOTE, PortmapProgram.PROC_UNSET, CALLBACK).readBoolean());
        assertEquals(4045, call(REMOTE, PortmapProgram.PROC_GETPORT, QUERY).readUnsignedInt(),
                "a remote UNSET removes nothing, and remote callers may still ask");
    }

    @Test
    void aLocalSetOverIpv4OrIpv6IsTakenAndALocalUnsetEndsIt() throws Exception {
        assertTrue(call(LOCAL_V6, PortmapProgram.PROC_SET, CALLBACK).readBoolean());
        assertEquals(List.of(CALLBACK), registry.mappings().subList(3, 4));
        assertTrue(call(LOCAL, PortmapProgram.PROC_UNSET, QUERY).readBoolean());
        assertEquals(0, call(REMOTE, PortmapProgram.PROC_GETPORT, QUERY).readUnsignedInt());
    }

    @Test
    void aLocalSetOfTheAdaptersProgramIsRefused() throws Exception {
        assertFalse(call(LOCAL, PortmapProgram.PROC_SET, new PortMapping(100003, 3, PortMapping.IPPROTO_UDP, 2049))
                .readBoolean());
        assertEquals(3, registry.mappings().size());
    }

    private XdrReader call(InetSocketAddress from, int procedure, PortMapping mapping) throws Exception {
        int id = ++xid;
        ByteBuf call = Unpooled.buffer();
        XdrWriter out = new XdrWriter(call);
        new RpcCallHeader(id, 2, PortmapProgram.PROGRAM, 2, procedure, OpaqueAuth.NONE, OpaqueAuth.NONE).encode(out);
        mapping.encode(out);
        socket.writeInbound(new DatagramPacket(call, PORTMAPPER, from));
        DatagramPacket reply = socket.readOutbound();
        assertNull(socket.readOutbound());
        try {
            assertEquals(from, reply.recipient());
            XdrReader in = new XdrReader(Unpooled.copiedBuffer(reply.content()));
            RpcReply header = RpcReply.decode(in);
            assertEquals(id, header.xid());
            assertEquals(RpcReply.AcceptStat.SUCCESS, header.acceptStat());
            return in;
        } finally {
            reply.release();
        }
    }
}
