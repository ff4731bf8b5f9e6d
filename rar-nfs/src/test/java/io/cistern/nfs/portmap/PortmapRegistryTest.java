package io.cistern.nfs.portmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.portmap.wire.PortMappingList;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortmapRegistryTest {
    private static final int TCP = PortMapping.IPPROTO_TCP;
    private static final int UDP = PortMapping.IPPROTO_UDP;
    private final PortmapRegistry registry = PortmapRegistry.of(111, 12049,
            List.of(MountProgram.create(), Nfs3Program.create()));

    @Test
    void theTableIsThePortmapperOnBothTransportsThenEachProgramOverTcp() {
        assertEquals(List.of(new PortMapping(100000, 2, TCP, 111), new PortMapping(100000, 2, UDP, 111),
                new PortMapping(100003, 3, TCP, 12049), new PortMapping(100005, 3, TCP, 12049)), registry.mappings());
    }

    @Test
    void getportMatchesProgramVersionAndProtocolAndIgnoresThePortAsked() {
        assertEquals(12049, registry.port(new PortMapping(100005, 3, TCP, 0)));
        assertEquals(12049, registry.port(new PortMapping(100003, 3, TCP, 999)));
        assertEquals(0, registry.port(new PortMapping(100005, 3, UDP, 0)), "MOUNT is TCP only");
        assertEquals(0, registry.port(new PortMapping(100005, 1, TCP, 0)), "MOUNT v1 is not served");
        assertEquals(0, registry.port(new PortMapping(100021, 4, TCP, 0)), "NLM is not among this table's programs");
        assertEquals(111, registry.port(new PortMapping(100000, 2, UDP, 0)));
    }

    @Test
    void programsOverUdpAreMappedOnBothTransportsRightAfterTcp() {
        RpcProgram nlm = RpcProgram.of(100021, "NLM", 4, List.of());
        PortmapRegistry both = PortmapRegistry.of(111, 12049, List.of(nlm, Nfs3Program.create()), List.of(nlm));
        assertEquals(List.of(new PortMapping(100000, 2, TCP, 111), new PortMapping(100000, 2, UDP, 111),
                new PortMapping(100003, 3, TCP, 12049), new PortMapping(100021, 4, TCP, 12049),
                new PortMapping(100021, 4, UDP, 12049)), both.mappings());
        assertEquals(12049, both.port(new PortMapping(100021, 4, UDP, 0)));
        assertEquals(0, both.port(new PortMapping(100003, 3, UDP, 0)), "NFS stays TCP only");
    }

    @Test
    void setAddsBelowTheFixedTableAndRefusesTakenTuplesAndTheAdaptersPrograms() {
        assertTrue(registry.set(new PortMapping(100021, 4, TCP, 4045)), "NLM is not this table's program");
        assertTrue(registry.set(new PortMapping(100021, 4, UDP, 4046)), "same program and version, other protocol");
        assertFalse(registry.set(new PortMapping(100021, 4, TCP, 5000)), "taken at another port");
        assertFalse(registry.set(new PortMapping(100003, 2, UDP, 2049)), "any version of the adapter's NFS");
        assertFalse(registry.set(new PortMapping(100000, 3, TCP, 111)), "the portmapper itself");
        assertEquals(4045, registry.port(new PortMapping(100021, 4, TCP, 0)));
        assertEquals(new PortMapping(100021, 4, UDP, 4046), registry.mappings().get(registry.mappings().size() - 1));
    }

    @Test
    void setRefusesOtherProtocolsImpossiblePortsAndMoreThanTheLimit() {
        assertFalse(registry.set(new PortMapping(200000, 1, 132, 5000)), "SCTP");
        assertFalse(registry.set(new PortMapping(200000, 1, TCP, 0)), "port 0");
        assertFalse(registry.set(new PortMapping(200000, 1, TCP, 65536)), "port above 65535");
        for (int i = 0; i < PortmapRegistry.MAX_REGISTRATIONS; i++) {
            assertTrue(registry.set(new PortMapping(300000 + i, 1, TCP, 6000 + i)), "registration " + i);
        }
        assertFalse(registry.set(new PortMapping(400000, 1, TCP, 7000)), "full");
        assertEquals(4 + PortmapRegistry.MAX_REGISTRATIONS, registry.mappings().size());
    }

    @Test
    void unsetRemovesEveryProtocolOfTheVersionButNeverTheAdaptersPrograms() {
        registry.set(new PortMapping(100021, 4, TCP, 4045));
        registry.set(new PortMapping(100021, 4, UDP, 4045));
        registry.set(new PortMapping(100021, 3, UDP, 4045));
        assertTrue(registry.unset(100021, 4));
        assertFalse(registry.unset(100021, 4), "nothing left to remove");
        assertEquals(0, registry.port(new PortMapping(100021, 4, UDP, 0)));
        assertEquals(4045, registry.port(new PortMapping(100021, 3, UDP, 0)), "other versions stay");
        assertFalse(registry.unset(100005, 3));
        assertEquals(12049, registry.port(new PortMapping(100005, 3, TCP, 0)));
    }

    @Test
    void pmaplistIsALinkedListOfMappings() throws Exception {
        List<PortMapping> mappings = List.of(new PortMapping(100003, 3, TCP, 2049));
        ByteBuf buf = Unpooled.buffer();
        PortMappingList.encode(mappings, new XdrWriter(buf));
        int[] words = new int[buf.readableBytes() / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = buf.getInt(i * 4);
        }
        assertArrayEquals(new int[] {1, 100003, 3, 6, 2049, 0}, words);
        assertEquals(mappings, PortMappingList.decode(new XdrReader(buf)));
    }
}
