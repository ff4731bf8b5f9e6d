package io.cistern.nfs.fuzz;

import io.cistern.nfs.mount.MountProgram;
import io.cistern.nfs.mount.wire.DirPath;
import io.cistern.nfs.mount.wire.Exports;
import io.cistern.nfs.mount.wire.MountList;
import io.cistern.nfs.mount.wire.MountRes3;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.nfs3.wire.Access3Args;
import io.cistern.nfs.nfs3.wire.Access3Res;
import io.cistern.nfs.nfs3.wire.Commit3Args;
import io.cistern.nfs.nfs3.wire.Commit3Res;
import io.cistern.nfs.nfs3.wire.Create3Args;
import io.cistern.nfs.nfs3.wire.Create3Res;
import io.cistern.nfs.nfs3.wire.DirOpArgs3;
import io.cistern.nfs.nfs3.wire.FileHandle3;
import io.cistern.nfs.nfs3.wire.Fsinfo3Res;
import io.cistern.nfs.nfs3.wire.Fsstat3Res;
import io.cistern.nfs.nfs3.wire.Getattr3Res;
import io.cistern.nfs.nfs3.wire.Link3Args;
import io.cistern.nfs.nfs3.wire.Link3Res;
import io.cistern.nfs.nfs3.wire.Lookup3Res;
import io.cistern.nfs.nfs3.wire.Mkdir3Args;
import io.cistern.nfs.nfs3.wire.Mknod3Args;
import io.cistern.nfs.nfs3.wire.Pathconf3Res;
import io.cistern.nfs.nfs3.wire.Read3Args;
import io.cistern.nfs.nfs3.wire.Read3Res;
import io.cistern.nfs.nfs3.wire.Readdir3Args;
import io.cistern.nfs.nfs3.wire.Readdir3Res;
import io.cistern.nfs.nfs3.wire.Readdirplus3Args;
import io.cistern.nfs.nfs3.wire.Readdirplus3Res;
import io.cistern.nfs.nfs3.wire.Readlink3Res;
import io.cistern.nfs.nfs3.wire.Rename3Args;
import io.cistern.nfs.nfs3.wire.Rename3Res;
import io.cistern.nfs.nfs3.wire.Setattr3Args;
import io.cistern.nfs.nfs3.wire.Symlink3Args;
import io.cistern.nfs.nfs3.wire.Wcc3Res;
import io.cistern.nfs.nfs3.wire.Write3Args;
import io.cistern.nfs.nfs3.wire.Write3Res;
import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.portmap.PortmapRegistry;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.portmap.wire.PortMappingList;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsTimeSet;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The programs the adapter serves, as the fuzz tests build them: NFS v3 and MOUNT v3 as
 * {@code NfsResourceAdapter#endpointActivation} assembles them, and the portmapper's TCP program over a registry
 * like the one it binds with (it needs no live adapter, only the program list and two port numbers). In the adapter
 * the portmapper has a listener of its own; the fuzz tests serve all three on one connection, which runs the same
 * {@code RpcCallHandler} code once more per program.
 * <p>
 * Not here yet: NLM and NSM, which the adapter now also serves at the NFS port. Their handlers call the listener's
 * NLM methods and, for the _MSG procedures and GRANTED, an RPC client back to the caller; to add them, build them as
 * {@code NfsResourceAdapter#programs} does, with {@code NlmCallbacks} over an {@code RpcClient} that fails every
 * call, answer the NLM methods in {@link ScriptedListener}, and teach {@link #validArguments} and {@link #results}
 * their wire formats.
 * <p>
 * Also knows, per procedure, how to write valid arguments (from the wire records' own encoders, with values taken
 * from {@link Choices}) and how to read its results back, so that a SUCCESS reply can be checked to the last byte.
 */
final class FuzzPrograms {
    static final int PORTMAPPER_PORT = 111;
    static final int NFS_PORT = 2049;

    /** One procedure of one served program, by number. */
    record Procedure(int program, int version, int procedure) {
    }

    private FuzzPrograms() {
    }

    /** A fresh set (MOUNT keeps a mount list, so each connection of a test gets its own). */
    static Map<Integer, RpcProgram> create() {
        RpcProgram nfs = Nfs3Program.create();
        RpcProgram mount = MountProgram.create();
        PortmapRegistry registry = PortmapRegistry.of(PORTMAPPER_PORT, NFS_PORT, List.of(nfs, mount));
        return Map.of(nfs.number(), nfs, mount.number(), mount, PortmapProgram.PROGRAM, PortmapProgram.forStream(registry));
    }

    /** Every procedure served, ordered by program and number. */
    static List<Procedure> procedures(Map<Integer, RpcProgram> programs) {
        List<Procedure> all = new ArrayList<>();
        programs.values().stream().sorted(Comparator.comparingInt(RpcProgram::number)).forEach(program ->
                program.procedures().keySet().stream().sorted().forEach(number ->
                        all.add(new Procedure(program.number(), program.highVersion(), number))));
        return all;
    }

    /** Decodes the results of a SUCCESS reply to {@code procedure}; null when this class does not know it. */
    static XdrDecoder<?> results(int program, int procedure) {
        return switch (program) {
            case Nfs3Program.PROGRAM -> switch (procedure) {
                case Nfs3Program.PROC_NULL -> XdrDecoder.VOID;
                case Nfs3Program.PROC_GETATTR -> Getattr3Res::decode;
                case Nfs3Program.PROC_SETATTR, Nfs3Program.PROC_REMOVE, Nfs3Program.PROC_RMDIR -> Wcc3Res::decode;
                case Nfs3Program.PROC_LOOKUP -> Lookup3Res::decode;
                case Nfs3Program.PROC_ACCESS -> Access3Res::decode;
                case Nfs3Program.PROC_READLINK -> Readlink3Res::decode;
                case Nfs3Program.PROC_READ -> Read3Res::decode;
                case Nfs3Program.PROC_WRITE -> Write3Res::decode;
                case Nfs3Program.PROC_CREATE, Nfs3Program.PROC_MKDIR, Nfs3Program.PROC_SYMLINK, Nfs3Program.PROC_MKNOD ->
                        Create3Res::decode;
                case Nfs3Program.PROC_RENAME -> Rename3Res::decode;
                case Nfs3Program.PROC_LINK -> Link3Res::decode;
                case Nfs3Program.PROC_READDIR -> Readdir3Res::decode;
                case Nfs3Program.PROC_READDIRPLUS -> Readdirplus3Res::decode;
                case Nfs3Program.PROC_FSSTAT -> Fsstat3Res::decode;
                case Nfs3Program.PROC_FSINFO -> Fsinfo3Res::decode;
                case Nfs3Program.PROC_PATHCONF -> Pathconf3Res::decode;
                case Nfs3Program.PROC_COMMIT -> Commit3Res::decode;
                default -> null;
            };
            case MountProgram.PROGRAM -> switch (procedure) {
                case MountProgram.PROC_NULL, MountProgram.PROC_UMNT, MountProgram.PROC_UMNTALL -> XdrDecoder.VOID;
                case MountProgram.PROC_MNT -> MountRes3::decode;
                case MountProgram.PROC_DUMP -> MountList::decode;
                case MountProgram.PROC_EXPORT -> Exports::decode;
                default -> null;
            };
            case PortmapProgram.PROGRAM -> switch (procedure) {
                case PortmapProgram.PROC_NULL -> XdrDecoder.VOID;
                case PortmapProgram.PROC_SET, PortmapProgram.PROC_UNSET -> in -> in.readBoolean();
                case PortmapProgram.PROC_GETPORT -> in -> in.readUnsignedInt();
                case PortmapProgram.PROC_DUMP -> PortMappingList::decode;
                default -> null;
            };
            default -> null;
        };
    }

    /** Arguments that {@code procedure}'s decoder accepts, their values taken from {@code c}. */
    static byte[] validArguments(int program, int procedure, Choices c) {
        return encode(out -> writeValidArguments(program, procedure, c, out));
    }

    static byte[] encode(Consumer<XdrWriter> writer) {
        ByteBuf buf = Unpooled.buffer();
        writer.accept(new XdrWriter(buf));
        return ByteBufUtil.getBytes(buf);
    }

    private static void writeValidArguments(int program, int procedure, Choices c, XdrWriter out) {
        switch (program) {
            case Nfs3Program.PROGRAM -> writeNfs(procedure, c, out);
            case MountProgram.PROGRAM -> {
                if (procedure == MountProgram.PROC_MNT || procedure == MountProgram.PROC_UMNT) {
                    DirPath.encode(path(c), out);
                }
            }
            case PortmapProgram.PROGRAM -> {
                if (procedure != PortmapProgram.PROC_NULL && procedure != PortmapProgram.PROC_DUMP) {
                    int[] programs = {Nfs3Program.PROGRAM, MountProgram.PROGRAM, PortmapProgram.PROGRAM, c.anyInt()};
                    int[] protocols = {PortMapping.IPPROTO_TCP, PortMapping.IPPROTO_UDP, c.anyInt()};
                    new PortMapping(programs[c.intIn(0, programs.length - 1)], c.intIn(0, 4),
                            protocols[c.intIn(0, protocols.length - 1)], c.anyInt()).encode(out);
                }
            }
            default -> throw new IllegalArgumentException("program " + program + " is not served");
        }
    }

    private static void writeNfs(int procedure, Choices c, XdrWriter out) {
        switch (procedure) {
            case Nfs3Program.PROC_NULL -> { }
            case Nfs3Program.PROC_GETATTR, Nfs3Program.PROC_READLINK, Nfs3Program.PROC_FSSTAT, Nfs3Program.PROC_FSINFO,
                 Nfs3Program.PROC_PATHCONF -> FileHandle3.encode(handle(c), out);
            case Nfs3Program.PROC_SETATTR -> new Setattr3Args(handle(c), attributes(c),
                    c.bool() ? timeNanos(c) : null).encode(out);
            case Nfs3Program.PROC_LOOKUP, Nfs3Program.PROC_REMOVE, Nfs3Program.PROC_RMDIR -> where(c).encode(out);
            case Nfs3Program.PROC_ACCESS -> new Access3Args(handle(c), c.anyInt()).encode(out);
            case Nfs3Program.PROC_READ -> new Read3Args(handle(c), c.anyLong(), unsigned(c)).encode(out);
            case Nfs3Program.PROC_WRITE -> new Write3Args(handle(c), c.anyLong(), c.intIn(0, 2), c.bytes(2048)).encode(out);
            case Nfs3Program.PROC_CREATE -> {
                int mode = c.intIn(0, 2);
                DirOpArgs3 where = where(c);
                new Create3Args(where, mode, mode == Create3Args.EXCLUSIVE ? NfsSetAttributes.NONE : attributes(c),
                        mode == Create3Args.EXCLUSIVE ? c.anyLong() : 0).encode(out);
            }
            case Nfs3Program.PROC_MKDIR -> new Mkdir3Args(where(c), attributes(c)).encode(out);
            case Nfs3Program.PROC_SYMLINK -> new Symlink3Args(where(c), attributes(c), c.bytes(300)).encode(out);
            case Nfs3Program.PROC_MKNOD -> {
                NfsFileType type = NfsFileType.values()[c.intIn(0, NfsFileType.values().length - 1)];
                DirOpArgs3 where = where(c);
                switch (type) {
                    case CHR, BLK -> new Mknod3Args(where, type, attributes(c), c.anyLong()).encode(out);
                    case SOCK, FIFO -> new Mknod3Args(where, type, attributes(c), 0).encode(out);
                    default -> new Mknod3Args(where, type, NfsSetAttributes.NONE, 0).encode(out);
                }
            }
            case Nfs3Program.PROC_RENAME -> new Rename3Args(where(c), where(c)).encode(out);
            case Nfs3Program.PROC_LINK -> new Link3Args(handle(c), where(c)).encode(out);
            case Nfs3Program.PROC_READDIR -> new Readdir3Args(handle(c), c.anyLong(), c.anyLong(), unsigned(c)).encode(out);
            case Nfs3Program.PROC_READDIRPLUS -> new Readdirplus3Args(handle(c), c.anyLong(), c.anyLong(), unsigned(c),
                    unsigned(c)).encode(out);
            case Nfs3Program.PROC_COMMIT -> new Commit3Args(handle(c), c.anyLong(), unsigned(c)).encode(out);
            default -> throw new IllegalArgumentException("NFS procedure " + procedure + " is not served");
        }
    }

    /** A handle of up to the 64 bytes nfs_fh3 allows; empty ones included, as clients send them too. */
    private static byte[] handle(Choices c) {
        return c.bytes(FileHandle3.MAX_BYTES);
    }

    /** A name, sometimes past NAME_MAX (255) so that the application, not the codec, refuses it. */
    private static DirOpArgs3 where(Choices c) {
        return new DirOpArgs3(handle(c), c.bytes(c.oneIn(8) ? 400 : 32));
    }

    private static String path(Choices c) {
        if (c.bool()) {
            return "/".repeat(c.intIn(1, 3)) + ScriptedListener.EXPORT + "/".repeat(c.intIn(0, 2));
        }
        byte[] ascii = c.bytes(c.oneIn(8) ? DirPath.MAX_BYTES : 64);
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) (0x20 + (ascii[i] & 0x5f));   // printable ASCII: the path survives a round trip
        }
        return new String(ascii, StandardCharsets.US_ASCII);
    }

    private static NfsSetAttributes attributes(Choices c) {
        return new NfsSetAttributes(c.bool() ? c.anyInt() : null, c.bool() ? c.anyInt() : null,
                c.bool() ? c.anyInt() : null, c.bool() ? c.anyLong() : null, timeSet(c), timeSet(c));
    }

    private static NfsTimeSet timeSet(Choices c) {
        return switch (c.intIn(0, 2)) {
            case 0 -> NfsTimeSet.DONT_CHANGE;
            case 1 -> NfsTimeSet.SERVER_TIME;
            default -> NfsTimeSet.client(timeNanos(c));
        };
    }

    /** A time nfstime3 can carry (seconds unsigned 32-bit). */
    private static long timeNanos(Choices c) {
        return (c.anyInt() & 0xFFFF_FFFFL) * 1_000_000_000L + c.intIn(0, 999_999_999);
    }

    private static long unsigned(Choices c) {
        return c.anyInt() & 0xFFFF_FFFFL;
    }
}
