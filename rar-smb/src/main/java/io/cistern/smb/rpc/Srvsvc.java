package io.cistern.smb.rpc;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two srvsvc operations that list shares, on NDR stubs: NetrShareEnumAll (opnum 15, [MS-SRVS] 3.1.4.8) and
 * NetrShareGetInfo (opnum 16, 3.1.4.10), at information levels 0 (names) and 1 (names, types, remarks); other
 * levels answer ERROR_INVALID_LEVEL. Every share comes back in one answer, whatever PreferedMaximumLength asks,
 * which the protocol allows (TotalEntries equals EntriesRead and the resume handle stays 0).
 */
final class Srvsvc {
    static final int NETR_SHARE_ENUM_ALL = 15;
    static final int NETR_SHARE_GET_INFO = 16;
    static final long ERROR_INVALID_LEVEL = 124;
    static final long NERR_NET_NAME_NOT_FOUND = 2310;

    private final Supplier<List<ShareEntry>> shares;

    /** @param shares the shares the caller may see, IPC$ included, asked for at each call */
    Srvsvc(Supplier<List<ShareEntry>> shares) {
        this.shares = shares;
    }

    boolean handles(int opnum) {
        return opnum == NETR_SHARE_ENUM_ALL || opnum == NETR_SHARE_GET_INFO;
    }

    byte[] call(int opnum, byte[] stub) throws RpcProtocolException {
        return opnum == NETR_SHARE_ENUM_ALL ? enumAll(stub) : getInfo(stub);
    }

    private byte[] enumAll(byte[] stub) throws RpcProtocolException {
        NdrReader in = new NdrReader(stub);
        skipServerName(in);
        long level = in.uint32();
        in.uint32();                                   // the union's discriminant, Level again
        if (in.pointer()) {
            in.uint32();                               // EntriesRead of the client's empty container
            in.pointer();                              // its Buffer, null
        }
        in.uint32();                                   // PreferedMaximumLength
        boolean resumeHandle = in.pointer();
        NdrWriter out = new NdrWriter();
        if (level != 0 && level != 1) {
            out.uint32(level).uint32(level).nullPointer().uint32(0);
            return resume(out, resumeHandle).uint32(ERROR_INVALID_LEVEL).bytes();
        }
        List<ShareEntry> entries = shares.get();
        out.uint32(level).uint32(level).pointer();
        out.uint32(entries.size());
        if (entries.isEmpty()) {
            out.nullPointer();
        } else {
            out.pointer().uint32(entries.size());
            for (ShareEntry entry : entries) {
                writeInfo(out, level, entry);
            }
            for (ShareEntry entry : entries) {
                writeStrings(out, level, entry);
            }
        }
        out.uint32(entries.size());                    // TotalEntries
        return resume(out, resumeHandle).uint32(0).bytes();
    }

    private byte[] getInfo(byte[] stub) throws RpcProtocolException {
        NdrReader in = new NdrReader(stub);
        skipServerName(in);
        String name = in.string();
        long level = in.uint32();
        NdrWriter out = new NdrWriter();
        if (level != 0 && level != 1) {
            return out.uint32(level).nullPointer().uint32(ERROR_INVALID_LEVEL).bytes();
        }
        Optional<ShareEntry> found = shares.get().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
        if (found.isEmpty()) {
            return out.uint32(level).nullPointer().uint32(NERR_NET_NAME_NOT_FOUND).bytes();
        }
        out.uint32(level).pointer();
        writeInfo(out, level, found.get());
        writeStrings(out, level, found.get());
        return out.uint32(0).bytes();
    }

    private static void skipServerName(NdrReader in) throws RpcProtocolException {
        if (in.pointer()) {
            in.string();
        }
    }

    /** SHARE_INFO_0 or SHARE_INFO_1 with its string pointers, whose pointees follow later. */
    private static void writeInfo(NdrWriter out, long level, ShareEntry entry) {
        out.pointer();
        if (level == 1) {
            out.uint32(entry.type()).pointer();
        }
    }

    private static void writeStrings(NdrWriter out, long level, ShareEntry entry) {
        out.string(entry.name());
        if (level == 1) {
            out.string(entry.remark());
        }
    }

    private static NdrWriter resume(NdrWriter out, boolean resumeHandle) {
        return resumeHandle ? out.pointer().uint32(0) : out.nullPointer();
    }
}
