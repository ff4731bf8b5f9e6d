package io.cistern.nfs.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cistern.nfs.nfs3.Nfs3Limits;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.nfs3.wire.Write3Args;
import io.cistern.nfs.rpc.OpaqueAuth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes as a TCP stream into the adapter's pipeline (record marking decoder, encoder, call handler with
 * NFS, MOUNT and the portmapper behind it), delivered in arbitrary reads. Whatever arrives: no exception escapes and
 * the connection stays open, every record that holds a call gets exactly one well-formed reply in order, with its
 * xid and the status RFC 5531 prescribes (an oversized one GARBAGE_ARGS from its kept prefix), nothing else is
 * answered (stray replies, records too short for a header, an incomplete last record), and every buffer is released
 * once the connection closes.
 * <p>
 * Input layout: byte 0 chooses the record size cap (0: the adapter's 1 MiB + 64 KiB; n: 8 × (n - 1) bytes, so that
 * inputs of a few KiB reach the oversized-record path), byte 1 the reads (0: the whole stream in one; n: reads of
 * 1 to n bytes, sizes drawn from a generator seeded with n; see {@link #reads}), the rest is the stream. The seed corpus
 * ({@code RecordStreamFuzzTestInputs/}) holds a valid call for every procedure, split, fragmented, oversized and
 * stray variants; see {@link SeedCorpus}.
 */
class RecordStreamFuzzTest {
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
    void arbitraryBytesOnAConnection(byte[] input) {
        int maxRecordBytes = input.length < 1 || input[0] == 0 ? RpcConnection.ADAPTER_MAX_RECORD_BYTES
                : 8 * ((input[0] & 0xff) - 1);
        int maxRead = input.length < 2 ? 0 : input[1] & 0xff;
        byte[] stream = input.length < 2 ? new byte[0] : Arrays.copyOfRange(input, 2, input.length);

        RpcConnection connection = new RpcConnection(maxRecordBytes);
        try {
            for (byte[] read : reads(stream, maxRead)) {
                connection.receive(read);
            }
            RpcModel model = new RpcModel(connection.programs());
            List<RpcModel.Expected> expected = new ArrayList<>();
            for (RpcModel.Record record : RpcModel.frame(stream, maxRecordBytes)) {
                RpcModel.Expected reply = model.expect(record, false);
                if (reply != null) {
                    expected.add(reply);
                }
            }
            RpcModel.check(expected, connection.takeReplies());
        } finally {
            connection.close();
        }
        assertEquals(List.of(), connection.closeAndFindLeaks(), "buffers left unreleased after the connection closed");
        assertEquals(List.of(), ++inputs % 20_000 == 0 ? LeakWatch.collectAndCheck() : LeakWatch.drain(),
                "Netty's leak detector reported leaks");
    }

    /**
     * The adapter's own cap, which fuzz inputs of a few KiB cannot reach with a complete record: a WRITE of 1 MiB
     * (wtmax) with its headers fits and succeeds; a record one byte over the cap, sent in fragments, is skipped and
     * answered GARBAGE_ARGS with its xid; the call after it is served as usual; nothing leaks.
     */
    @Test
    void recordsAtTheAdapterCap() {
        int cap = RpcConnection.ADAPTER_MAX_RECORD_BYTES;
        byte[] writeOneMiB = SeedCorpus.call(1, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_WRITE, OpaqueAuth.NONE,
                FuzzPrograms.encode(out -> new Write3Args(new byte[] {1}, 0, Write3Args.UNSTABLE,
                        new byte[Nfs3Limits.MAX_TRANSFER]).encode(out)));
        byte[] overCap = Arrays.copyOf(SeedCorpus.call(2, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_WRITE,
                OpaqueAuth.NONE, new byte[0]), cap + 1);
        byte[] getattr = SeedCorpus.call(3, Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_GETATTR, OpaqueAuth.NONE,
                FuzzPrograms.encode(out -> out.writeOpaque(new byte[] {1})));
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes(RpcCalls.recordMarked(writeOneMiB));
        for (int at = 0; at < overCap.length; at += 300_000) {
            int length = Math.min(300_000, overCap.length - at);
            RpcCalls.writeMark(stream, at + length == overCap.length, length);
            stream.write(overCap, at, length);
        }
        stream.writeBytes(RpcCalls.recordMarked(getattr));
        byte[] bytes = stream.toByteArray();

        RpcConnection connection = new RpcConnection(cap);
        List<RpcModel.Expected> expected = new ArrayList<>();
        try {
            for (int at = 0; at < bytes.length; at += 65536) {
                connection.receive(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 65536)));
            }
            RpcModel model = new RpcModel(connection.programs());
            for (RpcModel.Record record : RpcModel.frame(bytes, cap)) {
                expected.add(model.expect(record, false));
            }
            RpcModel.check(expected, connection.takeReplies());
        } finally {
            connection.close();
        }
        assertEquals(List.of("xid 1 SUCCESS of " + new FuzzPrograms.Procedure(Nfs3Program.PROGRAM, 3,
                        Nfs3Program.PROC_WRITE), "xid 2 GARBAGE_ARGS", "xid 3 SUCCESS of "
                        + new FuzzPrograms.Procedure(Nfs3Program.PROGRAM, 3, Nfs3Program.PROC_GETATTR)),
                expected.stream().map(RpcModel.Expected::toString).toList());
        assertEquals(List.of(), connection.closeAndFindLeaks(), "buffers left unreleased after the connection closed");
    }

    /**
     * {@code stream} cut into reads of 1 to {@code maxRead} bytes, one read when {@code maxRead} is 0. Long streams get
     * longer reads (at most about 128 of them): every read costs a tracked allocation, which PARANOID leak detection
     * makes slow, and how a record mark or header is split does not depend on the stream's length.
     */
    static List<byte[]> reads(byte[] stream, int maxRead) {
        if (maxRead == 0) {
            return List.of(stream);
        }
        SplittableRandom sizes = new SplittableRandom(maxRead);
        int bound = Math.max(maxRead, stream.length / 64);
        List<byte[]> reads = new ArrayList<>();
        for (int at = 0; at < stream.length; ) {
            int size = Math.min(stream.length - at, 1 + sizes.nextInt(bound));
            reads.add(Arrays.copyOfRange(stream, at, at + size));
            at += size;
        }
        return reads;
    }
}
