package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.portmap.wire.PortMappingList;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The portmapper of a real adapter instance, over real TCP and UDP sockets on a free high port. */
class PortmapperAdapterTest {
    private static final int TCP = PortMapping.IPPROTO_TCP;
    private static final int UDP = PortMapping.IPPROTO_UDP;

    private final AtomicInteger pings = new AtomicInteger();
    private final List<NfsAdapterEvent.State> states = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;
    private final AdapterHarness harness = new AdapterHarness(new UnsupportedNfsListener() {
        @Override
        public void ping(NfsCaller caller) {
            pings.incrementAndGet();
        }

        @Override
        public void adapterEvent(NfsAdapterEvent event) {
            if (event.state() != NfsAdapterEvent.State.CONNECTIONS) {
                states.add(event.state());
            }
        }

        @Override
        public boolean listenerEnabled() {
            return enabled;
        }
    });

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Both ports fixed, so the expected table is known before activation. */
    private int[] activateOnFreePorts() throws Exception {
        int nfsPort = AdapterHarness.freePortForTcpAndUdp();
        int portmapperPort = AdapterHarness.freePortForTcpAndUdp();
        harness.adapter.setPort(nfsPort);
        harness.adapter.setPortmapperPort(portmapperPort);
        harness.activate();
        return new int[] {nfsPort, portmapperPort};
    }

    @Test
    void getportFindsNfsAndMountOverTcpOnlyAskedOverEitherTransport() throws Exception {
        int[] ports = activateOnFreePorts();
        int nfs = ports[0];
        int pmap = ports[1];
        for (Transport transport : Transport.values()) {
            assertEquals(nfs, transport.getport(pmap, 100003, 3, TCP), transport + ": NFS v3 over TCP");
            assertEquals(nfs, transport.getport(pmap, 100005, 3, TCP), transport + ": MOUNT v3 over TCP");
            assertEquals(0, transport.getport(pmap, 100003, 3, UDP), transport + ": no NFS over UDP");
            assertEquals(0, transport.getport(pmap, 100005, 3, UDP), transport + ": no MOUNT over UDP");
            assertEquals(0, transport.getport(pmap, 100005, 1, TCP), transport + ": no MOUNT v1");
            assertEquals(pmap, transport.getport(pmap, 100000, 2, UDP), transport + ": the portmapper itself");
        }
        assertEquals(0, pings.get(), "the portmapper answers without the application");
    }

    @Test
    void switchedOffTheAdapterFreesEveryPortAndSwitchedOnThePortmapperNamesTheSamePortAgain() throws Exception {
        int[] ports = activateOnFreePorts();
        awaitTrue(() -> states.contains(NfsAdapterEvent.State.LISTENING), "LISTENING reported");
        enabled = false;
        awaitTrue(() -> states.contains(NfsAdapterEvent.State.DISABLED), "DISABLED reported");
        assertTrue(AdapterHarness.tcpFree(ports[0]) && AdapterHarness.udpFree(ports[0]), "the RPC port is free");
        assertTrue(AdapterHarness.tcpFree(ports[1]) && AdapterHarness.udpFree(ports[1]), "the portmapper's port is free");

        enabled = true;
        awaitTrue(() -> states.equals(List.of(NfsAdapterEvent.State.LISTENING, NfsAdapterEvent.State.DISABLED,
                NfsAdapterEvent.State.LISTENING)), "LISTENING reported again");
        for (Transport transport : Transport.values()) {
            assertEquals(ports[0], transport.getport(ports[1], 100003, 3, TCP), transport + ": NFS where it was");
            assertEquals(ports[0], transport.getport(ports[1], 100021, 4, UDP), transport + ": NLM over UDP too");
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void getportFindsNlmAndNsmOverBothTransportsAskedOverEither() throws Exception {
        int[] ports = activateOnFreePorts();
        for (Transport transport : Transport.values()) {
            for (int protocol : new int[] {TCP, UDP}) {
                assertEquals(ports[0], transport.getport(ports[1], 100021, 4, protocol), transport + ": NLM v4 " + protocol);
                assertEquals(ports[0], transport.getport(ports[1], 100024, 1, protocol), transport + ": NSM v1 " + protocol);
            }
            assertEquals(0, transport.getport(ports[1], 100021, 3, UDP), transport + ": no NLM v3");
        }
    }

    @Test
    void dumpOverTcpListsExactlyTheConfiguredMappings() throws Exception {
        int[] ports = activateOnFreePorts();
        RpcSocketClient.Reply reply = RpcSocketClient.overTcp(ports[1], 1, PortmapProgram.PROGRAM, 2,
                PortmapProgram.PROC_DUMP, out -> { });
        assertEquals(AcceptStat.SUCCESS, reply.header().acceptStat());
        assertEquals(List.of(new PortMapping(100000, 2, TCP, ports[1]), new PortMapping(100000, 2, UDP, ports[1]),
                        new PortMapping(100003, 3, TCP, ports[0]), new PortMapping(100005, 3, TCP, ports[0]),
                        new PortMapping(100021, 4, TCP, ports[0]), new PortMapping(100021, 4, UDP, ports[0]),
                        new PortMapping(100024, 1, TCP, ports[0]), new PortMapping(100024, 1, UDP, ports[0])),
                PortMappingList.decode(reply.results()));
    }

    @Test
    void dumpAndCallitOverUdpAreProcUnavail() throws Exception {
        int pmap = activateOnFreePorts()[1];
        assertEquals(AcceptStat.PROC_UNAVAIL, RpcSocketClient.overUdp(pmap, 2, PortmapProgram.PROGRAM, 2,
                PortmapProgram.PROC_DUMP, out -> { }).header().acceptStat(), "the one reply larger than its call");
        RpcSocketClient.Reply callit = RpcSocketClient.overUdp(pmap, 3, PortmapProgram.PROGRAM, 2,
                PortmapProgram.PROC_CALLIT, out -> out.writeInt(100003).writeInt(3).writeInt(0).writeOpaque(new byte[0]));
        assertEquals(3, callit.header().xid());
        assertEquals(AcceptStat.PROC_UNAVAIL, callit.header().acceptStat());
    }

    @Test
    void aLocalSetRegistersForGetportAndDumpUntilUnset() throws Exception {
        int[] ports = activateOnFreePorts();
        int pmap = ports[1];
        assertTrue(Transport.TCP_CALL.register(pmap, PortmapProgram.PROC_SET, new PortMapping(100099, 1, TCP, 4444)));
        assertTrue(Transport.UDP_CALL.register(pmap, PortmapProgram.PROC_SET, new PortMapping(100099, 1, UDP, 4445)));
        assertFalse(Transport.UDP_CALL.register(pmap, PortmapProgram.PROC_SET, new PortMapping(100099, 1, UDP, 4446)),
                "taken: SET does not move a registration");
        for (Transport transport : Transport.values()) {
            assertEquals(4444, transport.getport(pmap, 100099, 1, TCP), transport.toString());
            assertEquals(4445, transport.getport(pmap, 100099, 1, UDP), transport.toString());
        }
        List<PortMapping> dump = PortMappingList.decode(RpcSocketClient.overTcp(pmap, 9, PortmapProgram.PROGRAM, 2,
                PortmapProgram.PROC_DUMP, out -> { }).results());
        assertEquals(List.of(new PortMapping(100099, 1, TCP, 4444), new PortMapping(100099, 1, UDP, 4445)),
                dump.subList(dump.size() - 2, dump.size()), "registrations follow the fixed table");

        assertTrue(Transport.UDP_CALL.register(pmap, PortmapProgram.PROC_UNSET, new PortMapping(100099, 1, 0, 0)));
        assertEquals(0, Transport.TCP_CALL.getport(pmap, 100099, 1, TCP));
        assertEquals(0, Transport.TCP_CALL.getport(pmap, 100099, 1, UDP), "UNSET removes every protocol");
    }

    @Test
    void evenLocallyTheAdaptersOwnProgramsCannotBeSetOrUnset() throws Exception {
        int[] ports = activateOnFreePorts();
        int pmap = ports[1];
        for (Transport transport : Transport.values()) {
            assertFalse(transport.register(pmap, PortmapProgram.PROC_SET, new PortMapping(100003, 3, UDP, 2049)),
                    transport + ": NFS over UDP elsewhere");
            assertFalse(transport.register(pmap, PortmapProgram.PROC_SET, new PortMapping(100021, 4, TCP, 4045)),
                    transport + ": a second NLM");
            assertFalse(transport.register(pmap, PortmapProgram.PROC_UNSET, new PortMapping(100003, 3, TCP, 0)),
                    transport + ": UNSET of NFS");
            assertEquals(0, transport.getport(pmap, 100003, 3, UDP));
            assertEquals(ports[0], transport.getport(pmap, 100003, 3, TCP));
            assertEquals(ports[0], transport.getport(pmap, 100021, 4, TCP));
        }
    }

    @Test
    void nullAnswersOnBothTransportsAndOtherVersionsAreProgMismatch() throws Exception {
        int pmap = activateOnFreePorts()[1];
        assertEquals(AcceptStat.SUCCESS, RpcSocketClient.overUdp(pmap, 4, 100000, 2, 0, out -> { }).header().acceptStat());
        assertEquals(AcceptStat.SUCCESS, RpcSocketClient.overTcp(pmap, 5, 100000, 2, 0, out -> { }).header().acceptStat());
        var rpcbindV4 = RpcSocketClient.overUdp(pmap, 6, 100000, 4, 3, out -> { }).header();
        assertEquals(AcceptStat.PROG_MISMATCH, rpcbindV4.acceptStat(), "rpcbind clients fall back to version 2");
        assertEquals(2, rpcbindV4.low());
        assertEquals(2, rpcbindV4.high());
        assertEquals(AcceptStat.PROG_UNAVAIL, RpcSocketClient.overUdp(pmap, 7, 100003, 3, 0, out -> { }).header().acceptStat(),
                "NFS is not served on the portmapper's port");
    }

    @Test
    void garbageDatagramsLeaveTheSocketServing() throws Exception {
        int[] ports = activateOnFreePorts();
        java.util.Random random = new java.util.Random(7);
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress portmapper = new InetSocketAddress(AdapterHarness.LOOPBACK, ports[1]);
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[random.nextInt(120)];
                random.nextBytes(junk);
                socket.send(new java.net.DatagramPacket(junk, junk.length, portmapper));
            }
        }
        assertEquals(ports[0], Transport.UDP_CALL.getport(ports[1], 100003, 3, TCP));
    }

    @Test
    void deactivationClosesBothTransports() throws Exception {
        int[] ports = activateOnFreePorts();
        harness.deactivate();
        assertTrue(AdapterHarness.tcpFree(ports[1]), "portmapper TCP closed");
        assertTrue(AdapterHarness.udpFree(ports[1]), "portmapper UDP closed");
        assertTrue(AdapterHarness.tcpFree(ports[0]), "NFS closed");
        assertTrue(AdapterHarness.udpFree(ports[0]), "NLM over UDP closed");
        assertEquals(harness.endpointsCreated.get(), harness.endpointsReleased.get());
    }

    @Test
    void aTakenTcpPortFailsTheActivationAndLeavesNothingOpen() throws Exception {
        int nfsPort = AdapterHarness.freePortForTcpAndUdp();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(AdapterHarness.LOOPBACK))) {
            harness.adapter.setPort(nfsPort);
            harness.adapter.setPortmapperPort(taken.getLocalPort());
            ResourceException failure = assertThrows(ResourceException.class, harness::activate);
            assertTrue(failure.getMessage().startsWith("portmapper listener cannot bind 127.0.0.1:" + taken.getLocalPort()),
                    failure.getMessage());
        }
        assertTrue(AdapterHarness.tcpFree(nfsPort), "the NFS listener bound before it is closed again");
        assertEquals(harness.endpointsCreated.get(), harness.endpointsReleased.get());
    }

    @Test
    void aTakenUdpPortFailsTheActivationAndLeavesNothingOpen() throws Exception {
        int nfsPort = AdapterHarness.freePortForTcpAndUdp();
        int portmapperPort = AdapterHarness.freePortForTcpAndUdp();
        try (DatagramSocket taken = new DatagramSocket(null)) {
            taken.setReuseAddress(true);   // as rpcbind does: the adapter must still not share the port
            taken.bind(new InetSocketAddress(AdapterHarness.LOOPBACK, portmapperPort));
            harness.adapter.setPort(nfsPort);
            harness.adapter.setPortmapperPort(portmapperPort);
            ResourceException failure = assertThrows(ResourceException.class, harness::activate);
            assertTrue(failure.getMessage().startsWith("portmapper UDP socket cannot bind 127.0.0.1:" + portmapperPort),
                    failure.getMessage());
        }
        assertTrue(AdapterHarness.tcpFree(portmapperPort), "the portmapper's TCP side is closed again");
        assertTrue(AdapterHarness.tcpFree(nfsPort));
    }

    @Test
    void aPortOutOfRangeFailsTheStart() {
        harness.adapter.setPortmapperPort(65536);
        ResourceAdapterInternalException failure = assertThrows(ResourceAdapterInternalException.class, harness::activate);
        assertEquals("NFS adapter: PortmapperPort must be 0 (off) or a port from 1 to 65535, not 65536", failure.getMessage());
    }

    /** The same call over either transport. */
    private enum Transport {
        TCP_CALL, UDP_CALL;

        private static final AtomicInteger XIDS = new AtomicInteger(100);

        RpcSocketClient.Reply call(int port, int procedure, PortMapping mapping) throws Exception {
            int xid = XIDS.incrementAndGet();
            RpcSocketClient.Reply reply = this == TCP_CALL
                    ? RpcSocketClient.overTcp(port, xid, PortmapProgram.PROGRAM, 2, procedure, mapping::encode)
                    : RpcSocketClient.overUdp(port, xid, PortmapProgram.PROGRAM, 2, procedure, mapping::encode);
            assertEquals(xid, reply.header().xid());
            assertEquals(AcceptStat.SUCCESS, reply.header().acceptStat());
            return reply;
        }

        int getport(int port, int program, int version, int protocol) throws Exception {
            RpcSocketClient.Reply reply = call(port, PortmapProgram.PROC_GETPORT, new PortMapping(program, version, protocol, 0));
            return (int) reply.results().readUnsignedInt();
        }

        boolean register(int port, int procedure, PortMapping mapping) throws Exception {
            return call(port, procedure, mapping).results().readBoolean();
        }
    }
}
