package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.RpcProgram;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The portmapper's mappings, fixed when the listeners bind: the portmapper itself (TCP and UDP) and every
 * version of every program the adapter serves, over TCP at the NFS port. Nothing else ever enters it: the
 * adapter is no general rpcbind, and a table that remote callers could change would let anyone redirect
 * clients to a port of their choosing.
 */
public final class PortmapRegistry {
    private final List<PortMapping> mappings;

    private PortmapRegistry(List<PortMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /**
     * @param portmapperPort where the portmapper listens (TCP and UDP)
     * @param rpcPort        where {@code programs} listen (TCP only)
     * @param programs       the programs served at {@code rpcPort}
     */
    public static PortmapRegistry of(int portmapperPort, int rpcPort, Collection<RpcProgram> programs) {
        List<PortMapping> mappings = new ArrayList<>();
        mappings.add(new PortMapping(PortmapProgram.PROGRAM, PortmapProgram.VERSION, PortMapping.IPPROTO_TCP, portmapperPort));
        mappings.add(new PortMapping(PortmapProgram.PROGRAM, PortmapProgram.VERSION, PortMapping.IPPROTO_UDP, portmapperPort));
        programs.stream()
                .sorted(java.util.Comparator.comparingInt(RpcProgram::number))
                .forEach(program -> {
                    for (int version = program.lowVersion(); version <= program.highVersion(); version++) {
                        mappings.add(new PortMapping(program.number(), version, PortMapping.IPPROTO_TCP, rpcPort));
                    }
                });
        return new PortmapRegistry(mappings);
    }

    /** GETPORT: the port of the query's program, version and protocol, 0 when not registered. */
    public int port(PortMapping query) {
        return mappings.stream().filter(mapping -> mapping.serves(query)).mapToInt(PortMapping::port).findFirst().orElse(0);
    }

    public List<PortMapping> mappings() {
        return mappings;
    }
}
