package io.cistern.nfs.rpc;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.List;

/**
 * An RPC program served by the adapter: its number, the range of versions it accepts, and its
 * procedures (for the one version served so far).
 *
 * @param number      program number
 * @param name        for logs
 * @param lowVersion  lowest version served
 * @param highVersion highest version served
 * @param procedures  by procedure number
 */
public record RpcProgram(int number, String name, int lowVersion, int highVersion, Map<Integer, RpcProcedure<?, ?>> procedures) {

    public RpcProgram {
        procedures = Map.copyOf(procedures);
    }

    public static RpcProgram of(int number, String name, int version, List<RpcProcedure<?, ?>> procedures) {
        return new RpcProgram(number, name, version, version,
                procedures.stream().collect(Collectors.toMap(RpcProcedure::number, Function.identity())));
    }

    public boolean servesVersion(int version) {
        return version >= lowVersion && version <= highVersion;
    }

    public RpcProcedure<?, ?> procedure(int procedure) {
        return procedures.get(procedure);
    }
}
