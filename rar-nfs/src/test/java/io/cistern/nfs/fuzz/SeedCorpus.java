package io.cistern.nfs.fuzz;

import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.rpc.AuthSysParams;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes the fuzz tests' seed corpus: Jazzer's regression inputs, and the first inputs it mutates when fuzzing. They
 * live in {@code src/test/resources/io/cistern/nfs/fuzz/<TestClass>Inputs/<testMethod>/}, where Jazzer's JUnit
 * integration looks for them. Deterministic; run it again after a change to a wire format or to a test's input
 * layout, from the module directory:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.cistern.nfs.fuzz.SeedCorpus src/test/resources
 * </pre>
 * (cp.txt from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}). A crashing input a fuzzing run
 * found (written to {@code target/jazzer/}) belongs in the same directory once fixed, as a regression test.
 */
public final class SeedCorpus {
    private static final OpaqueAuth AUTH_SYS = new AuthSysParams(0x5eed, "client.example", 1000, 100,
            List.of(100, 4, 27)).encode();

    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        Path fuzz = resources.resolve("io/cistern/nfs/fuzz");
        write(fuzz.resolve("RecordStreamFuzzTestInputs/arbitraryBytesOnAConnection"), streams());
        write(fuzz.resolve("ArgumentDecoderFuzzTestInputs/anyArgumentDecoder"), arguments());
        write(fuzz.resolve("RpcCallFuzzTestInputs/validHeadersFuzzedArguments"), randomInputs());
    }

    private static void write(Path directory, Map<String, byte[]> inputs) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> old = Files.list(directory)) {
                for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            Files.write(directory.resolve(input.getKey()), input.getValue());
        }
        System.out.println(inputs.size() + " inputs in " + directory);
    }

    /** {@link RecordStreamFuzzTest}: cap byte, read byte, then the stream. */
    static Map<String, byte[]> streams() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        Map<Integer, RpcProgram> programs = FuzzPrograms.create();
        int xid = 1;
        for (FuzzPrograms.Procedure p : FuzzPrograms.procedures(programs)) {
            byte[] call = call(xid++, p.program(), p.version(), p.procedure(), AUTH_SYS, arguments(p, xid));
            inputs.put("call-" + name(programs, p), stream(0, 0, RpcCalls.recordMarked(call)));
        }
        byte[] getattr = call(100, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_GETATTR, OpaqueAuth.NONE,
                FuzzPrograms.encode(out -> out.writeOpaque(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        byte[] mnt = call(101, MountProgram.PROGRAM, 3, MountProgram.PROC_MNT, AUTH_SYS,
                FuzzPrograms.encode(out -> out.writeString("/export")));
        byte[] getport = call(102, PortmapProgram.PROGRAM, 2, PortmapProgram.PROC_GETPORT, OpaqueAuth.NONE,
                FuzzPrograms.encode(out -> out.writeInt(Nfs3Program.PROGRAM).writeInt(3).writeInt(6).writeInt(0)));
        byte[] write = call(103, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_WRITE, AUTH_SYS, FuzzPrograms.encode(out ->
                out.writeOpaque(new byte[] {1, 2, 3}).writeLong(0).writeInt(200).writeInt(2).writeOpaque(new byte[200])));
        byte[] create = call(104, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_CREATE, AUTH_SYS, FuzzPrograms.encode(out ->
                out.writeOpaque(new byte[] {1}).writeString("new-file").writeInt(2).writeLong(42)));
        byte[] pipelined = concat(RpcCalls.recordMarked(getattr), RpcCalls.recordMarked(mnt),
                RpcCalls.recordMarked(getport), RpcCalls.recordMarked(write));
        inputs.put("pipelined-calls", stream(0, 0, pipelined));
        inputs.put("pipelined-calls-in-tiny-reads", stream(0, 1, pipelined));
        inputs.put("call-byte-by-byte", stream(0, 1, RpcCalls.recordMarked(getattr)));
        inputs.put("pipelined-calls-in-small-reads", stream(0, 7, pipelined));
        inputs.put("create-retransmitted", stream(0, 0, concat(RpcCalls.recordMarked(create), RpcCalls.recordMarked(create))));
        inputs.put("call-in-three-fragments", stream(0, 0, fragments(getattr, 5, 17)));
        inputs.put("call-with-empty-fragments", stream(0, 3, fragments(getattr, 0, 0, 12)));
        // cap byte 33: records of at most 256 bytes; the WRITE is larger and is skipped, the calls around it are not
        inputs.put("oversized-write-between-calls", stream(33, 0, concat(RpcCalls.recordMarked(getattr),
                RpcCalls.recordMarked(write), RpcCalls.recordMarked(getport))));
        inputs.put("oversized-write-in-fragments", stream(33, 5, concat(fragments(write, 4, 100, 150),
                RpcCalls.recordMarked(getattr))));
        inputs.put("oversized-record-of-6-bytes", stream(1, 0, concat(RpcCalls.recordMarked(new byte[] {0, 0, 0, 9, 0, 0}),
                RpcCalls.recordMarked(getattr))));
        byte[] reply = FuzzPrograms.encode(out -> RpcReply.accepted(7, RpcReply.AcceptStat.SUCCESS).encode(out));
        inputs.put("stray-reply-then-call", stream(0, 0, concat(RpcCalls.recordMarked(reply), RpcCalls.recordMarked(getattr))));
        inputs.put("short-records-then-call", stream(0, 0, concat(RpcCalls.recordMarked(new byte[0]),
                RpcCalls.recordMarked(new byte[] {0, 0, 0, 1}), RpcCalls.recordMarked(new byte[7]),
                RpcCalls.recordMarked(getattr))));
        inputs.put("truncated-header", stream(0, 0, RpcCalls.recordMarked(Arrays.copyOf(getattr, 30))));
        inputs.put("rpc-version-3", stream(0, 0, RpcCalls.recordMarked(withIntAt(getattr, 8, 3))));
        inputs.put("unknown-program", stream(0, 0, RpcCalls.recordMarked(withIntAt(getattr, 12, 100021))));
        inputs.put("nfs-version-4", stream(0, 0, RpcCalls.recordMarked(withIntAt(getattr, 16, 4))));
        inputs.put("unknown-procedure", stream(0, 0, RpcCalls.recordMarked(withIntAt(getattr, 20, 22))));
        inputs.put("auth-dh-credential", stream(0, 0, RpcCalls.recordMarked(withIntAt(getattr, 24, 3))));
        inputs.put("auth-sys-with-17-groups", stream(0, 0, RpcCalls.recordMarked(call(105, Nfs3Program.PROGRAM, 3,
                Nfs3Program.PROC_NULL, new AuthSysParams(1, "h", 0, 0, java.util.Collections.nCopies(17, 1)).encode(),
                new byte[0]))));
        inputs.put("handle-of-65-bytes", stream(0, 0, RpcCalls.recordMarked(call(106, Nfs3Program.PROGRAM, 3,
                Nfs3Program.PROC_GETATTR, AUTH_SYS, FuzzPrograms.encode(out -> out.writeOpaque(new byte[65]))))));
        inputs.put("call-then-incomplete-record", stream(0, 0, concat(RpcCalls.recordMarked(getattr),
                Arrays.copyOf(RpcCalls.recordMarked(mnt), 20))));
        inputs.put("record-mark-of-2-gib", stream(0, 0, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                0, 0, 0, 1, 0, 0, 0, 0}));
        return inputs;
    }

    /** {@link ArgumentDecoderFuzzTest}: table byte, entry byte, then valid arguments (or a valid header, reply…). */
    static Map<String, byte[]> arguments() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        Map<Integer, RpcProgram> programs = FuzzPrograms.create();
        int[] tables = {Nfs3Program.PROGRAM, MountProgram.PROGRAM, PortmapProgram.PROGRAM};
        for (int table = 0; table < tables.length; table++) {
            RpcProgram program = programs.get(tables[table]);
            List<Integer> numbers = program.procedures().keySet().stream().sorted().toList();
            for (int entry = 0; entry < numbers.size(); entry++) {
                FuzzPrograms.Procedure p = new FuzzPrograms.Procedure(program.number(), program.highVersion(),
                        numbers.get(entry));
                for (int variant = 0; variant < 2; variant++) {
                    inputs.put("args-" + name(programs, p) + "-" + variant,
                            concat(new byte[] {(byte) table, (byte) entry}, arguments(p, 31 * entry + variant)));
                }
            }
        }
        byte[] call = call(1, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_NULL, AUTH_SYS, new byte[0]);
        inputs.put("other-call-header", concat(new byte[] {3, 0}, Arrays.copyOfRange(call, 8, call.length)));
        inputs.put("other-opaque-auth", concat(new byte[] {3, 1}, FuzzPrograms.encode(AUTH_SYS::encode)));
        inputs.put("other-authsys-parms", concat(new byte[] {3, 2}, AUTH_SYS.body()));
        inputs.put("other-rpc-reply", concat(new byte[] {3, 3},
                FuzzPrograms.encode(out -> RpcReply.progMismatch(9, 3, 3).encode(out))));
        return inputs;
    }

    /** {@link RpcCallFuzzTest}: its FuzzedDataProvider makes a valid call of any bytes, so these are random. */
    static Map<String, byte[]> randomInputs() {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(2049);
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[64 << (i % 6)];   // up to 2 KiB: libFuzzer's length limit starts at the longest seed
            random.nextBytes(bytes);
            inputs.put("random-" + i, bytes);
        }
        return inputs;
    }

    private static byte[] arguments(FuzzPrograms.Procedure p, long seed) {
        return FuzzPrograms.validArguments(p.program(), p.procedure(), Choices.random(seed));
    }

    private static String name(Map<Integer, RpcProgram> programs, FuzzPrograms.Procedure p) {
        return programs.get(p.program()).procedure(p.procedure()).name().toLowerCase(java.util.Locale.ROOT);
    }

    static byte[] call(int xid, int program, int version, int procedure, OpaqueAuth credential, byte[] arguments) {
        return concat(FuzzPrograms.encode(out -> new RpcCallHeader(xid, RpcCallHeader.RPC_VERSION, program, version,
                procedure, credential, OpaqueAuth.NONE).encode(out)), arguments);
    }

    private static byte[] stream(int capByte, int readByte, byte[] stream) {
        return concat(new byte[] {(byte) capByte, (byte) readByte}, stream);
    }

    /** {@code message} as fragments of the given sizes and a last one with the rest. */
    private static byte[] fragments(byte[] message, int... sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (int size : sizes) {
            RpcCalls.writeMark(out, false, size);
            out.write(message, at, size);
            at += size;
        }
        RpcCalls.writeMark(out, true, message.length - at);
        out.write(message, at, message.length - at);
        return out.toByteArray();
    }

    private static byte[] withIntAt(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) (value >>> 24);
        copy[at + 1] = (byte) (value >>> 16);
        copy[at + 2] = (byte) (value >>> 8);
        copy[at + 3] = (byte) value;
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
