package io.cistern.nfs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.rpc.AuthSysParams;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every argument decoder of every served procedure, taken from the programs' procedure maps, on arbitrary bytes;
 * also the RPC call header, opaque_auth and authsys_parms decoders and the reply decoders the test clients use. Each
 * must return or throw {@link XdrException}: any other exception (an index out of bounds, a negative array size,
 * an OutOfMemoryError from a length it believed) is a finding. A decoder must also leave the buffer's reader index
 * within it, and decode the same bytes the same way twice.
 * <p>
 * Input layout: byte 0 picks the table (0 NFS, 1 MOUNT, 2 portmapper, 3 the other decoders; modulo 4), byte 1 the
 * entry (modulo its size: the served procedures by number, or the other decoders in the order below), the rest is
 * what it decodes. The seed corpus has valid arguments for every procedure; see {@link SeedCorpus}.
 */
class ArgumentDecoderFuzzTest {
    private static final int[] PROGRAMS = {Nfs3Program.PROGRAM, MountProgram.PROGRAM, PortmapProgram.PROGRAM};
    private static final Map<Integer, RpcProgram> SERVED = FuzzPrograms.create();
    /** Append only: a seed names its decoder by position. */
    private static final List<XdrDecoder<?>> OTHERS = others();

    @FuzzTest(maxDuration = "15s")
    void anyArgumentDecoder(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        XdrDecoder<?> decoder = decoder(input[0] & 0xff, input[1] & 0xff);
        byte[] bytes = Arrays.copyOfRange(input, 2, input.length);
        String first = decodeOnce(decoder, bytes);
        String second = decodeOnce(decoder, bytes);
        if (!first.equals(second)) {
            throw new AssertionError("the same bytes decoded differently: " + first + " then " + second);
        }
    }

    static XdrDecoder<?> decoder(int table, int entry) {
        if (table % 4 == 3) {
            return OTHERS.get(entry % OTHERS.size());
        }
        RpcProgram program = SERVED.get(PROGRAMS[table % 4]);
        List<Integer> numbers = program.procedures().keySet().stream().sorted().toList();
        return program.procedure(numbers.get(entry % numbers.size())).arguments();
    }

    /** How the decoder ended: where it left the reader, or the XdrException's message. */
    private static String decodeOnce(XdrDecoder<?> decoder, byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        XdrReader in = new XdrReader(buf);
        String outcome;
        try {
            decoder.decode(in);
            outcome = "decoded, " + in.remaining() + " bytes left";
        } catch (XdrException e) {
            outcome = "XdrException: " + e.getMessage();
        }
        if (buf.readerIndex() < 0 || buf.readerIndex() > bytes.length) {
            throw new AssertionError("reader index " + buf.readerIndex() + " outside a buffer of " + bytes.length);
        }
        return outcome;
    }

    private static List<XdrDecoder<?>> others() {
        List<XdrDecoder<?>> others = new ArrayList<>();
        others.add(in -> RpcCallHeader.decodeBody(0, in));
        others.add(OpaqueAuth::decode);
        others.add(in -> AuthSysParams.decode(in.readFixedOpaque(in.remaining() & ~3)));
        others.add(RpcReply::decode);
        for (int program : PROGRAMS) {
            SERVED.get(program).procedures().keySet().stream().sorted().forEach(procedure ->
                    others.add(FuzzPrograms.results(program, procedure)));
        }
        return others;
    }
}
