package io.cistern.nfs.fuzz;

import io.cistern.nfs.rpc.AuthSysParams;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.OversizedRecord;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.rpc.RpcReply.AuthStat;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a connection should answer, worked out independently of the pipeline: a plain, non-streaming reading of
 * record marking (RFC 5531 section 11) with the same size cap, and for each record the one reply RFC 5531 asks
 * for, in the order the handler checks things (RPC version, credential, program, version, procedure, arguments).
 * Header, credential and argument decoding use the product's decoders as the reference: whether a byte string IS a
 * valid header or argument is theirs to say (and {@link ArgumentDecoderFuzzTest} fuzzes them on their own); what this
 * model adds is framing, dispatch, the reply cache and the replies' exact form.
 */
final class RpcModel {

    /**
     * One complete record as the peer sent it.
     *
     * @param bytes  the record's bytes, null when it exceeded the cap
     * @param prefix its first bytes (at most {@link OversizedRecord#PREFIX_BYTES})
     */
    record Record(byte[] bytes, byte[] prefix) {
        boolean oversized() {
            return bytes == null;
        }
    }

    /**
     * The reply a record must get.
     *
     * @param reply     its header
     * @param procedure for SUCCESS, whose results follow the header
     */
    record Expected(RpcReply reply, FuzzPrograms.Procedure procedure) {
        @Override
        public String toString() {
            return describe(reply) + (procedure == null ? "" : " of " + procedure);
        }
    }

    /** What identifies a retransmission: as {@code ReplyCache.Key}, but with the argument bytes, not a checksum. */
    private record ReplayKey(int xid, int program, int version, int procedure, String arguments) {
    }

    private final Map<Integer, RpcProgram> programs;
    private final Set<ReplayKey> answered = new HashSet<>();

    RpcModel(Map<Integer, RpcProgram> programs) {
        this.programs = programs;
    }

    /** The complete records in {@code stream}, in order; a trailing incomplete one is not among them. */
    static List<Record> frame(byte[] stream, long maxRecordBytes) {
        List<Record> records = new ArrayList<>();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        long recordBytes = 0;
        boolean oversized = false;
        int at = 0;
        while (stream.length - at >= 4) {
            int header = ((stream[at] & 0xff) << 24) | ((stream[at + 1] & 0xff) << 16) | ((stream[at + 2] & 0xff) << 8)
                    | (stream[at + 3] & 0xff);
            at += 4;
            boolean last = header < 0;
            int length = header & 0x7fff_ffff;
            oversized |= recordBytes + length > maxRecordBytes;
            recordBytes += length;
            if (stream.length - at < length) {
                break;
            }
            int keep = Math.min(length, OversizedRecord.PREFIX_BYTES - prefix.size());
            prefix.write(stream, at, keep);
            if (!oversized) {
                record.write(stream, at, length);
            }
            at += length;
            if (last) {
                records.add(new Record(oversized ? null : record.toByteArray(), prefix.toByteArray()));
                record.reset();
                prefix.reset();
                recordBytes = 0;
                oversized = false;
            }
        }
        return records;
    }

    /**
     * The reply {@code record} must get, null for none (a reply, or too short to hold an RPC header's xid and type).
     * Call in the order the records are sent: retransmissions of non-idempotent calls are answered from the reply
     * cache, even when the workers are busy.
     */
    Expected expect(Record record, boolean workersBusy) {
        if (record.oversized()) {
            byte[] p = record.prefix();
            return p.length >= 8 && intAt(p, 4) == RpcCallHeader.MSG_CALL
                    ? accepted(intAt(p, 0), AcceptStat.GARBAGE_ARGS) : null;
        }
        byte[] bytes = record.bytes();
        if (bytes.length < 8 || intAt(bytes, 4) != RpcCallHeader.MSG_CALL) {
            return null;
        }
        int xid = intAt(bytes, 0);
        XdrReader in = new XdrReader(Unpooled.wrappedBuffer(bytes, 8, bytes.length - 8));
        RpcCallHeader call;
        try {
            call = RpcCallHeader.decodeBody(xid, in);
        } catch (XdrException e) {
            return accepted(xid, AcceptStat.GARBAGE_ARGS);
        }
        if (call.rpcVersion() != RpcCallHeader.RPC_VERSION) {
            return new Expected(RpcReply.rpcMismatch(xid, 2, 2), null);
        }
        if (!credentialAccepted(call.credential())) {
            return new Expected(RpcReply.authError(xid, AuthStat.AUTH_BADCRED), null);
        }
        RpcProgram program = programs.get(call.program());
        if (program == null) {
            return accepted(xid, AcceptStat.PROG_UNAVAIL);
        }
        if (!program.servesVersion(call.version())) {
            return new Expected(RpcReply.progMismatch(xid, program.lowVersion(), program.highVersion()), null);
        }
        RpcProcedure<?, ?> procedure = program.procedure(call.procedure());
        if (procedure == null) {
            return accepted(xid, AcceptStat.PROC_UNAVAIL);
        }
        byte[] arguments = Arrays.copyOfRange(bytes, bytes.length - in.remaining(), bytes.length);
        if (!decodes(procedure.arguments(), arguments)) {
            return accepted(xid, AcceptStat.GARBAGE_ARGS);
        }
        FuzzPrograms.Procedure which = new FuzzPrograms.Procedure(call.program(), call.version(), call.procedure());
        ReplayKey key = new ReplayKey(xid, call.program(), call.version(), call.procedure(),
                java.util.HexFormat.of().formatHex(arguments));
        if (procedure.replayReplies() && answered.contains(key)) {
            return new Expected(RpcReply.accepted(xid, AcceptStat.SUCCESS), which);
        }
        if (workersBusy) {
            return accepted(xid, AcceptStat.SYSTEM_ERR);
        }
        if (procedure.replayReplies()) {
            answered.add(key);
        }
        return new Expected(RpcReply.accepted(xid, AcceptStat.SUCCESS), which);
    }

    /** AUTH_NONE, or AUTH_SYS whose body is an authsys_parms. */
    static boolean credentialAccepted(OpaqueAuth credential) {
        if (credential.flavor() == OpaqueAuth.AUTH_NONE) {
            return true;
        }
        if (credential.flavor() != OpaqueAuth.AUTH_SYS) {
            return false;
        }
        try {
            AuthSysParams.decode(credential.body());
            return true;
        } catch (XdrException e) {
            return false;
        }
    }

    static boolean decodes(XdrDecoder<?> decoder, byte[] bytes) {
        try {
            decoder.decode(new XdrReader(Unpooled.wrappedBuffer(bytes)));
            return true;
        } catch (XdrException e) {
            return false;
        }
    }

    /**
     * Checks that {@code replies} are {@code expected}, in order: the same header (xid, accept or reject status,
     * auth status, version range, an AUTH_NONE verifier) and, for SUCCESS, results that the procedure's result
     * decoder reads to the last byte; other replies end with their header.
     */
    static void check(List<Expected> expected, List<byte[]> replies) {
        List<String> want = expected.stream().map(Expected::toString).toList();
        List<String> got = new ArrayList<>();
        for (byte[] reply : replies) {
            got.add(describeReply(reply, expected.size() > got.size() ? expected.get(got.size()) : null));
        }
        if (!want.equals(got)) {
            throw new AssertionError("replies differ from the calls sent\n expected " + want + "\n      got " + got);
        }
    }

    private static String describeReply(byte[] bytes, Expected expected) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        XdrReader in = new XdrReader(buf);
        RpcReply reply;
        try {
            reply = RpcReply.decode(in);
        } catch (XdrException e) {
            return "malformed reply (" + e.getMessage() + "): " + java.util.HexFormat.of().formatHex(bytes);
        }
        if (reply.accepted() && (reply.verifier().flavor() != OpaqueAuth.AUTH_NONE || reply.verifier().body().length != 0)) {
            return describe(reply) + " with verifier flavor " + reply.verifier().flavor();
        }
        String header = describe(reply);
        if (reply.accepted() && reply.acceptStat() == AcceptStat.SUCCESS) {
            FuzzPrograms.Procedure procedure = expected == null ? null : expected.procedure();
            if (procedure == null) {
                return header + " with " + in.remaining() + " bytes of results";
            }
            XdrDecoder<?> results = FuzzPrograms.results(procedure.program(), procedure.procedure());
            try {
                results.decode(in);
            } catch (XdrException e) {
                return header + " with malformed results of " + procedure + ": " + e.getMessage();
            }
            header += " of " + procedure;
        }
        return in.remaining() == 0 ? header : header + " followed by " + in.remaining() + " stray bytes";
    }

    static String describe(RpcReply reply) {
        return "xid " + Integer.toUnsignedString(reply.xid()) + " " + status(reply);
    }

    /** The reply's status, as "SUCCESS", "PROG_MISMATCH 3-3", "AUTH_ERROR AUTH_BADCRED" and so on. */
    static String status(RpcReply reply) {
        String text = "";
        if (reply.accepted()) {
            text += reply.acceptStat();
            if (reply.acceptStat() == AcceptStat.PROG_MISMATCH) {
                text += " " + reply.low() + "-" + reply.high();
            }
        } else if (reply.rejectStat() == RpcReply.RejectStat.RPC_MISMATCH) {
            text += "RPC_MISMATCH " + reply.low() + "-" + reply.high();
        } else {
            text += "AUTH_ERROR " + reply.authStat();
        }
        return text;
    }

    private static Expected accepted(int xid, AcceptStat stat) {
        return new Expected(RpcReply.accepted(xid, stat), null);
    }

    static int intAt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }
}
