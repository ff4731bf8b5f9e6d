package io.cistern.nfs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrDecoder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls with a valid RPC header for a served procedure and fuzzed arguments, so that every procedure's argument
 * decoder and handler is reached (random bytes rarely get past the header): see {@link RpcCalls}. Several calls per
 * connection, some retransmitted (reply cache), some while the request workers are full, each record-marked in up
 * to four fragments and delivered in arbitrary reads. Each call gets exactly one reply: SUCCESS or GARBAGE_ARGS
 * when its header is valid (SUCCESS whenever its arguments are; SYSTEM_ERR when the workers refuse it), otherwise
 * the error its header calls for (RPC_MISMATCH, AUTH_ERROR/AUTH_BADCRED, PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL,
 * GARBAGE_ARGS for a credential over 400 bytes); the reply is well formed to its last byte; the connection stays
 * open and every buffer is released.
 */
class RpcCallFuzzTest {
    private static long inputs;

    @BeforeAll
    static void watchLeaks() {
        LeakWatch.start();
    }

    @AfterAll
    static void noLeakReported() {
        try {
            assertEquals(List.of(), LeakWatch.collectAndCheck(), "Netty's leak detector reported leaks");
        } finally {
            LeakWatch.stop();
        }
    }

    @FuzzTest(maxDuration = "20s")
    void validHeadersFuzzedArguments(FuzzedDataProvider data) {
        connection(Choices.of(data), new HashMap<>());
        assertEquals(List.of(), ++inputs % 20_000 == 0 ? LeakWatch.collectAndCheck() : LeakWatch.drain(),
                "Netty's leak detector reported leaks");
    }

    /**
     * Without fuzzing (JAZZER_FUZZ=0, or an IDE): 500 seeded connections, and proof that they reach every
     * procedure with arguments it accepts and, where it has any, with arguments it refuses, and every header error.
     */
    @Test
    void seededConnectionsReachEveryProcedureAndEveryError() {
        Map<String, Set<String>> outcomes = new HashMap<>();
        for (long seed = 0; seed < 500; seed++) {
            connection(Choices.random(seed), outcomes);
        }
        Map<Integer, RpcProgram> programs = FuzzPrograms.create();
        List<String> missing = new ArrayList<>();
        for (FuzzPrograms.Procedure procedure : FuzzPrograms.procedures(programs)) {
            Set<String> seen = outcomes.getOrDefault(procedure.toString(), Set.of());
            XdrDecoder<?> arguments = programs.get(procedure.program()).procedure(procedure.procedure()).arguments();
            if (!seen.contains("SUCCESS")) {
                missing.add(procedure + " SUCCESS");
            }
            if (!RpcModel.decodes(arguments, new byte[0]) && !seen.contains("GARBAGE_ARGS")) {
                missing.add(procedure + " GARBAGE_ARGS");
            }
        }
        Set<String> errors = new TreeSet<>();
        outcomes.values().forEach(errors::addAll);
        for (String error : List.of("RPC_MISMATCH 2-2", "AUTH_ERROR AUTH_BADCRED", "PROG_UNAVAIL", "PROG_MISMATCH 3-3",
                "PROG_MISMATCH 2-2", "PROC_UNAVAIL", "SYSTEM_ERR")) {
            if (!errors.contains(error)) {
                missing.add(error);
            }
        }
        assertEquals(List.of(), missing, "outcomes never reached");
    }

    /** One connection with 1 to 6 calls; {@code outcomes} gathers, per procedure, the replies it got. */
    private static void connection(Choices c, Map<String, Set<String>> outcomes) {
        RpcConnection connection = new RpcConnection(RpcConnection.ADAPTER_MAX_RECORD_BYTES,
                c.bool() ? RpcConnection.LOCAL_CLIENT : RpcConnection.REMOTE_CLIENT);
        try {
            RpcModel model = new RpcModel(connection.programs());
            List<FuzzPrograms.Procedure> procedures = FuzzPrograms.procedures(connection.programs());
            RpcCalls.Call previous = null;
            for (int calls = c.intIn(1, 6); calls > 0; calls--) {
                RpcCalls.Call call = previous != null && c.oneIn(6) ? previous
                        : RpcCalls.next(c, connection.programs(), procedures);
                boolean busy = c.oneIn(16);
                connection.workersBusy(busy);
                RpcModel.Expected expected = model.expect(new RpcModel.Record(call.message(), null), busy);
                checkAgainstHowItWasMade(call, busy, expected);

                byte[] stream = RpcCalls.recordMarked(call.message(), c);
                for (byte[] read : RecordStreamFuzzTest.reads(stream, c.bool() ? 0 : c.intIn(1, 64))) {
                    connection.receive(read);
                }
                RpcModel.check(List.of(expected), connection.takeReplies());
                outcomes.computeIfAbsent(call.procedure().toString(), k -> new TreeSet<>())
                        .add(RpcModel.status(expected.reply()));
                previous = call;
            }
        } finally {
            connection.close();
        }
        assertEquals(List.of(), connection.closeAndFindLeaks(), "buffers left unreleased after the connection closed");
    }

    /** The reply the model expects is the one the call was made to get. */
    private static void checkAgainstHowItWasMade(RpcCalls.Call call, boolean busy, RpcModel.Expected expected) {
        RpcReply reply = expected.reply();
        String status = RpcModel.status(reply);
        String got = status.startsWith("PROG_MISMATCH") || status.startsWith("RPC_MISMATCH")
                ? status.substring(0, status.indexOf(' ')) : status;
        Set<String> allowed = switch (call.header()) {
            case ARGUMENTS -> {
                Set<String> ok = new TreeSet<>(List.of("SUCCESS"));
                if (!EnumSet.of(RpcCalls.ArgumentKind.VALID, RpcCalls.ArgumentKind.VALID_WITH_TRAILING_BYTES)
                        .contains(call.arguments())) {
                    ok.add("GARBAGE_ARGS");
                }
                if (busy) {
                    ok.add("SYSTEM_ERR");
                }
                yield ok;
            }
            case AUTH_BADCRED -> Set.of("AUTH_ERROR AUTH_BADCRED");
            default -> Set.of(call.header().name());
        };
        assertTrue(allowed.contains(got), () -> "a call made for " + allowed + " (" + call.header() + ", arguments "
                + call.arguments() + ") is expected to get " + got + ": "
                + java.util.HexFormat.of().formatHex(call.message()));
    }
}
