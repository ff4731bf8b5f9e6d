package io.cistern.nfs.portmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.portmap.wire.PortMappingList;
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
        assertEquals(0, registry.port(new PortMapping(100021, 4, TCP, 0)), "NLM is not served yet");
        assertEquals(111, registry.port(new PortMapping(100000, 2, UDP, 0)));
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
