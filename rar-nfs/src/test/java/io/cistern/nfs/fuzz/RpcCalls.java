package io.cistern.nfs.fuzz;

import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.rpc.AuthSysParams;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcProgram;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds RPC calls the way a client would, every field chosen by {@link Choices}: mostly a valid header for a
 * served procedure with AUTH_NONE or AUTH_SYS (fuzzed stamp, machine name, uid, gid and groups), sometimes one thing
 * wrong on purpose (RPC version, credential, program, version, procedure, an over-long credential), then arguments
 * that are valid for the procedure, valid and then damaged (cut short, bytes changed, garbage appended) or random.
 * Each call knows which reply its header alone calls for.
 */
final class RpcCalls {

    /** What the header alone calls for; {@link #ARGUMENTS} leaves it to the arguments (SUCCESS or GARBAGE_ARGS). */
    enum HeaderOutcome { ARGUMENTS, RPC_MISMATCH, AUTH_BADCRED, PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL, GARBAGE_ARGS }

    /** How the arguments were made. */
    enum ArgumentKind { VALID, VALID_WITH_TRAILING_BYTES, CUT_SHORT, BYTES_CHANGED, RANDOM }

    /**
     * One call message (not yet record-marked).
     *
     * @param xid       its transaction id
     * @param procedure what it calls, as it was chosen before any deliberate damage to the header
     * @param header    what its header calls for
     * @param arguments how its arguments were made
     * @param message   the whole rpc_msg
     */
    record Call(int xid, FuzzPrograms.Procedure procedure, HeaderOutcome header, ArgumentKind arguments, byte[] message) {
    }

    private static final int[] OTHER_FLAVORS = {2 /* AUTH_SHORT */, 3 /* AUTH_DH */, 6 /* RPCSEC_GSS */, 390003 /* KRB5 */};

    private RpcCalls() {
    }

    static Call next(Choices c, Map<Integer, RpcProgram> programs, List<FuzzPrograms.Procedure> procedures) {
        int xid = c.anyInt();
        FuzzPrograms.Procedure target = procedures.get(c.intIn(0, procedures.size() - 1));
        int rpcVersion = RpcCallHeader.RPC_VERSION;
        int program = target.program();
        int version = target.version();
        int procedure = target.procedure();
        HeaderOutcome header = HeaderOutcome.ARGUMENTS;
        switch (c.intIn(0, 15)) {   // at most one thing wrong; a "wrong" value that happens to be right is not used
            case 0 -> {
                int other = c.bool() ? 3 : c.anyInt();
                if (other != rpcVersion) {
                    rpcVersion = other;
                    header = HeaderOutcome.RPC_MISMATCH;
                }
            }
            case 1 -> {
                int other = c.bool() ? 100021 /* NLM, not served here */ : c.anyInt();
                if (!programs.containsKey(other)) {
                    program = other;
                    header = HeaderOutcome.PROG_UNAVAIL;
                }
            }
            case 2 -> {
                int other = c.bool() ? version - 1 : c.anyInt();
                if (!programs.get(program).servesVersion(other)) {
                    version = other;
                    header = HeaderOutcome.PROG_MISMATCH;
                }
            }
            case 3 -> {
                int other = c.bool() ? Nfs3Program.PROC_COMMIT + 1 : c.anyInt();
                if (programs.get(program).procedure(other) == null) {
                    procedure = other;
                    header = HeaderOutcome.PROC_UNAVAIL;
                }
            }
            default -> { }
        }
        boolean credentialTooLong = header == HeaderOutcome.ARGUMENTS && c.oneIn(32);
        Credential credential = credential(c, credentialTooLong);
        if (credentialTooLong) {
            header = HeaderOutcome.GARBAGE_ARGS;
        } else if (!credential.valid && header != HeaderOutcome.RPC_MISMATCH) {
            header = HeaderOutcome.AUTH_BADCRED;   // the credential is checked right after the RPC version
        }
        OpaqueAuth verifier = c.oneIn(8) ? new OpaqueAuth(c.anyInt(), c.bytes(OpaqueAuth.MAX_BODY)) : OpaqueAuth.NONE;

        ArgumentKind kind = ArgumentKind.values()[c.intIn(0, ArgumentKind.values().length - 1)];
        byte[] arguments = arguments(c, target, kind);

        int[] numbers = {rpcVersion, program, version, procedure};
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(FuzzPrograms.encode(out -> {
            out.writeInt(xid).writeInt(RpcCallHeader.MSG_CALL);
            for (int number : numbers) {
                out.writeInt(number);
            }
            out.writeInt(credential.flavor).writeOpaque(credential.body);
            verifier.encode(out);
        }));
        message.writeBytes(arguments);
        return new Call(xid, target, header, kind, message.toByteArray());
    }

    /** A credential and whether the adapter must accept it. */
    private record Credential(int flavor, byte[] body, boolean valid) {
    }

    private static Credential credential(Choices c, boolean tooLong) {
        if (tooLong) {
            byte[] body = new byte[OpaqueAuth.MAX_BODY + 1 + c.intIn(0, 99)];
            return new Credential(c.bool() ? OpaqueAuth.AUTH_SYS : OpaqueAuth.AUTH_NONE, body, false);
        }
        return switch (c.intIn(0, 4)) {
            case 0 -> new Credential(OpaqueAuth.AUTH_NONE, c.oneIn(4) ? c.bytes(OpaqueAuth.MAX_BODY) : new byte[0], true);
            case 1, 2 -> new Credential(OpaqueAuth.AUTH_SYS, authSys(c), true);
            case 3 -> new Credential(OpaqueAuth.AUTH_SYS, brokenAuthSys(c), false);
            default -> new Credential(c.bool() ? OTHER_FLAVORS[c.intIn(0, OTHER_FLAVORS.length - 1)] : c.anyInt() | 8,
                    c.bytes(64), false);
        };
    }

    /** A valid authsys_parms, machine name of any bytes, up to 16 groups, sometimes with bytes after it. */
    private static byte[] authSys(Choices c) {
        byte[] body = authSysFields(c, c.bytes(AuthSysParams.MAX_MACHINE_NAME), c.intIn(0, AuthSysParams.MAX_GIDS));
        if (c.oneIn(8)) {
            byte[] trailing = c.bytes(OpaqueAuth.MAX_BODY - body.length);
            body = Arrays.copyOf(body, body.length + trailing.length);
            System.arraycopy(trailing, 0, body, body.length - trailing.length, trailing.length);
        }
        return body;
    }

    /** An authsys_parms the adapter must refuse: cut short, a machine name over 255 bytes or more than 16 groups. */
    private static byte[] brokenAuthSys(Choices c) {
        return switch (c.intIn(0, 2)) {
            case 0 -> {
                byte[] whole = authSysFields(c, c.bytes(AuthSysParams.MAX_MACHINE_NAME), c.intIn(0, AuthSysParams.MAX_GIDS));
                yield Arrays.copyOf(whole, c.intIn(0, whole.length - 1));
            }
            case 1 -> {
                byte[] name = new byte[AuthSysParams.MAX_MACHINE_NAME + c.intIn(1, 80)];
                Arrays.fill(name, (byte) 'h');
                yield authSysFields(c, name, 0);
            }
            default -> authSysFields(c, c.bytes(16), AuthSysParams.MAX_GIDS + c.intIn(1, 8));
        };
    }

    private static byte[] authSysFields(Choices c, byte[] machineName, int groups) {
        return FuzzPrograms.encode(out -> {
            out.writeInt(c.anyInt()).writeOpaque(machineName).writeInt(c.anyInt()).writeInt(c.anyInt()).writeInt(groups);
            for (int i = 0; i < groups; i++) {
                out.writeInt(c.anyInt());
            }
        });
    }

    private static byte[] arguments(Choices c, FuzzPrograms.Procedure target, ArgumentKind kind) {
        if (kind == ArgumentKind.RANDOM) {
            return c.bytes(c.oneIn(4) ? 4096 : 128);
        }
        byte[] valid = FuzzPrograms.validArguments(target.program(), target.procedure(), c);
        return switch (kind) {
            case VALID -> valid;
            case VALID_WITH_TRAILING_BYTES -> {
                byte[] trailing = c.bytes(64);
                byte[] both = Arrays.copyOf(valid, valid.length + trailing.length);
                System.arraycopy(trailing, 0, both, valid.length, trailing.length);
                yield both;
            }
            case CUT_SHORT -> valid.length == 0 ? valid : Arrays.copyOf(valid, c.intIn(0, valid.length - 1));
            case BYTES_CHANGED -> {
                for (int i = c.intIn(1, 4); i > 0 && valid.length > 0; i--) {
                    valid[c.intIn(0, valid.length - 1)] = (byte) c.anyInt();
                }
                yield valid;
            }
            case RANDOM -> throw new AssertionError();
        };
    }

    /** {@code message} record-marked as 1 to 4 fragments, the cuts chosen by {@code c}. */
    static byte[] recordMarked(byte[] message, Choices c) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = c.intIn(0, 3); i > 0; i--) {
            cuts.add(c.intIn(0, message.length));
        }
        cuts.add(message.length);
        cuts.sort(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 0; i < cuts.size(); i++) {
            int to = cuts.get(i);
            writeMark(out, i == cuts.size() - 1, to - from);
            out.write(message, from, to - from);
            from = to;
        }
        return out.toByteArray();
    }

    /** {@code message} as one record of one last fragment. */
    static byte[] recordMarked(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeMark(out, true, message.length);
        out.writeBytes(message);
        return out.toByteArray();
    }

    static void writeMark(ByteArrayOutputStream out, boolean last, int length) {
        int mark = (last ? 0x8000_0000 : 0) | length;
        out.write(mark >>> 24);
        out.write(mark >>> 16);
        out.write(mark >>> 8);
        out.write(mark);
    }
}
