package io.cistern.nfs.nfs3;

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
import io.cistern.nfs.rpc.RpcProcedure;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrEncoder;
import java.util.List;

/** NFS version 3, program 100003 (RFC 1813). Procedures other than those listed answer PROC_UNAVAIL. */
public final class Nfs3Program {
    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;
    public static final int PROC_NULL = 0;
    public static final int PROC_GETATTR = 1;
    public static final int PROC_SETATTR = 2;
    public static final int PROC_LOOKUP = 3;
    public static final int PROC_ACCESS = 4;
    public static final int PROC_READLINK = 5;
    public static final int PROC_READ = 6;
    public static final int PROC_WRITE = 7;
    public static final int PROC_CREATE = 8;
    public static final int PROC_MKDIR = 9;
    public static final int PROC_SYMLINK = 10;
    public static final int PROC_MKNOD = 11;
    public static final int PROC_REMOVE = 12;
    public static final int PROC_RMDIR = 13;
    public static final int PROC_RENAME = 14;
    public static final int PROC_LINK = 15;
    public static final int PROC_READDIR = 16;
    public static final int PROC_READDIRPLUS = 17;
    public static final int PROC_FSSTAT = 18;
    public static final int PROC_FSINFO = 19;
    public static final int PROC_PATHCONF = 20;
    public static final int PROC_COMMIT = 21;

    private Nfs3Program() {
    }

    public static RpcProgram create() {
        return RpcProgram.of(PROGRAM, "NFS", VERSION, List.of(
                new RpcProcedure<>(PROC_NULL, "NFSPROC3_NULL", XdrDecoder.VOID, XdrEncoder.VOID, new NfsNullHandler()),
                new RpcProcedure<>(PROC_GETATTR, "NFSPROC3_GETATTR", FileHandle3::decode, Getattr3Res::encode,
                        new GetattrHandler()),
                new RpcProcedure<>(PROC_SETATTR, "NFSPROC3_SETATTR", Setattr3Args::decode, Wcc3Res::encode,
                        new SetattrHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_LOOKUP, "NFSPROC3_LOOKUP", DirOpArgs3::decode, Lookup3Res::encode,
                        new LookupHandler()),
                new RpcProcedure<>(PROC_ACCESS, "NFSPROC3_ACCESS", Access3Args::decode, Access3Res::encode,
                        new AccessHandler()),
                new RpcProcedure<>(PROC_READLINK, "NFSPROC3_READLINK", FileHandle3::decode, Readlink3Res::encode,
                        new ReadlinkHandler()),
                new RpcProcedure<>(PROC_READ, "NFSPROC3_READ", Read3Args::decode, Read3Res::encode, new ReadHandler()),
                new RpcProcedure<>(PROC_WRITE, "NFSPROC3_WRITE", Write3Args::decode, Write3Res::encode,
                        new WriteHandler()),
                new RpcProcedure<>(PROC_CREATE, "NFSPROC3_CREATE", Create3Args::decode, Create3Res::encode,
                        new CreateHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_MKDIR, "NFSPROC3_MKDIR", Mkdir3Args::decode, Create3Res::encode,
                        new MkdirHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_SYMLINK, "NFSPROC3_SYMLINK", Symlink3Args::decode, Create3Res::encode,
                        new SymlinkHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_MKNOD, "NFSPROC3_MKNOD", Mknod3Args::decode, Create3Res::encode,
                        new MknodHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_REMOVE, "NFSPROC3_REMOVE", DirOpArgs3::decode, Wcc3Res::encode,
                        new RemoveHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_RMDIR, "NFSPROC3_RMDIR", DirOpArgs3::decode, Wcc3Res::encode,
                        new RmdirHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_RENAME, "NFSPROC3_RENAME", Rename3Args::decode, Rename3Res::encode,
                        new RenameHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_LINK, "NFSPROC3_LINK", Link3Args::decode, Link3Res::encode, new LinkHandler()).replayingReplies(),
                new RpcProcedure<>(PROC_READDIR, "NFSPROC3_READDIR", Readdir3Args::decode, Readdir3Res::encode,
                        new ReaddirHandler()),
                new RpcProcedure<>(PROC_READDIRPLUS, "NFSPROC3_READDIRPLUS", Readdirplus3Args::decode,
                        Readdirplus3Res::encode, new ReaddirplusHandler()),
                new RpcProcedure<>(PROC_FSSTAT, "NFSPROC3_FSSTAT", FileHandle3::decode, Fsstat3Res::encode,
                        new FsstatHandler()),
                new RpcProcedure<>(PROC_FSINFO, "NFSPROC3_FSINFO", FileHandle3::decode, Fsinfo3Res::encode,
                        new FsinfoHandler()),
                new RpcProcedure<>(PROC_PATHCONF, "NFSPROC3_PATHCONF", FileHandle3::decode, Pathconf3Res::encode,
                        new PathconfHandler()),
                new RpcProcedure<>(PROC_COMMIT, "NFSPROC3_COMMIT", Commit3Args::decode, Commit3Res::encode,
                        new CommitHandler())));
    }
}
