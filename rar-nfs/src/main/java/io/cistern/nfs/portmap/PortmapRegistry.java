package io.cistern.nfs.portmap;

import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.rpc.RpcProgram;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The portmapper's mappings: a fixed table, set when the listeners bind (the portmapper itself and every version of
 * every program the adapter serves, at the RPC port, over TCP and, for some, UDP), and below it the registrations
 * that processes on this host made with SET.
 * <p>
 * Registrations come from loopback callers only, as rpcbind takes them only from local clients: a table that remote
 * callers could change would let anyone redirect clients to a port of their choosing. Even locally, a program the
 * adapter serves cannot be registered (nor unset): the adapter owns those numbers on this host, and a second NLM
 * registered beside its own would split clients between them. Registrations are few and bounded, and end with the
 * portmapper (the activation).
 */
public final class PortmapRegistry {
    /** Far more than the handful of local callback services that could ever need one. */
    public static final int MAX_REGISTRATIONS = 64;

    private final List<PortMapping> fixed;
    private final Set<Integer> fixedPrograms;
    /** In order of registration; guarded by this. */
    private final List<PortMapping> registered = new ArrayList<>();

    private PortmapRegistry(List<PortMapping> fixed) {
        this.fixed = List.copyOf(fixed);
        this.fixedPrograms = fixed.stream().map(PortMapping::program).collect(Collectors.toUnmodifiableSet());
    }

    /** The programs served over TCP only. */
    public static PortmapRegistry of(int portmapperPort, int rpcPort, Collection<RpcProgram> programs) {
        return of(portmapperPort, rpcPort, programs, List.of());
    }

    /**
     * @param portmapperPort where the portmapper listens (TCP and UDP)
     * @param rpcPort        where the programs listen
     * @param overTcp        the programs served over TCP at {@code rpcPort}
     * @param overUdp        those also served over UDP at {@code rpcPort}
     */
    public static PortmapRegistry of(int portmapperPort, int rpcPort, Collection<RpcProgram> overTcp,
                                     Collection<RpcProgram> overUdp) {
        Set<Integer> datagrams = overUdp.stream().map(RpcProgram::number).collect(Collectors.toSet());
        List<PortMapping> mappings = new ArrayList<>();
        mappings.add(new PortMapping(PortmapProgram.PROGRAM, PortmapProgram.VERSION, PortMapping.IPPROTO_TCP, portmapperPort));
        mappings.add(new PortMapping(PortmapProgram.PROGRAM, PortmapProgram.VERSION, PortMapping.IPPROTO_UDP, portmapperPort));
        overTcp.stream().sorted(Comparator.comparingInt(RpcProgram::number)).forEach(program -> {
            for (int version = program.lowVersion(); version <= program.highVersion(); version++) {
                mappings.add(new PortMapping(program.number(), version, PortMapping.IPPROTO_TCP, rpcPort));
                if (datagrams.contains(program.number())) {
                    mappings.add(new PortMapping(program.number(), version, PortMapping.IPPROTO_UDP, rpcPort));
                }
            }
        });
        return new PortmapRegistry(mappings);
    }

    /** GETPORT: the port of the query's program, version and protocol, 0 when not registered. */
    public synchronized int port(PortMapping query) {
        for (List<PortMapping> table : List.of(fixed, registered)) {
            for (PortMapping mapping : table) {
                if (mapping.serves(query)) {
                    return mapping.port();
                }
            }
        }
        return 0;
    }

    /** DUMP: the fixed table, then the registrations. */
    public synchronized List<PortMapping> mappings() {
        List<PortMapping> all = new ArrayList<>(fixed);
        all.addAll(registered);
        return all;
    }

    /**
     * SET (RFC 1833 section 3.2), whose caller has been checked to be local: refused when the program is the
     * adapter's, when the program, version and protocol are registered already (at any port), for a protocol other
     * than TCP and UDP or a port outside 1 to 65535, and when the table is full.
     */
    public synchronized boolean set(PortMapping mapping) {
        boolean valid = (mapping.protocol() == PortMapping.IPPROTO_TCP || mapping.protocol() == PortMapping.IPPROTO_UDP)
                && mapping.port() > 0 && mapping.port() <= 0xFFFF;
        if (!valid || fixedPrograms.contains(mapping.program()) || registered.size() >= MAX_REGISTRATIONS
                || registered.stream().anyMatch(existing -> existing.serves(mapping))) {
            return false;
        }
        registered.add(mapping);
        return true;
    }

    /**
     * UNSET (RFC 1833 section 3.2): removes the program's version over every protocol, whatever port and protocol
     * the argument names; true when there was something to remove. The adapter's own programs stay.
     */
    public synchronized boolean unset(int program, int version) {
        if (fixedPrograms.contains(program)) {
            return false;
        }
        return registered.removeIf(mapping -> mapping.program() == program && mapping.version() == version);
    }
}
