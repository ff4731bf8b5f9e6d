package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SMB2 CREATE Request, [MS-SMB2] 2.2.13: a 56-byte fixed part, then the UTF-16LE name (share-relative, not
 * terminated) at NameOffset and the chain of create contexts ({@link Smb2CreateContext}) at CreateContextsOffset,
 * both counted from the start of the SMB2 header. {@link #decode} checks that both lie within the message after
 * the fixed part; what the fields mean is the handler's question.
 */
public record Smb2CreateRequest(int requestedOplockLevel, int impersonationLevel, int desiredAccess,
                                int fileAttributes, int shareAccess, int createDisposition, int createOptions,
                                String name, List<Smb2CreateContext> createContexts) {
    public static final int STRUCTURE_SIZE = 57;
    public static final int FIXED_SIZE = 56;
    public static final int BUFFER_OFFSET = Smb2Header.STRUCTURE_SIZE + FIXED_SIZE;

    public static final int FILE_SHARE_READ = 0x1;
    public static final int FILE_SHARE_WRITE = 0x2;
    public static final int FILE_SHARE_DELETE = 0x4;

    public static final int FILE_DIRECTORY_FILE = 0x0000_0001;
    public static final int FILE_WRITE_THROUGH = 0x0000_0002;
    public static final int FILE_NON_DIRECTORY_FILE = 0x0000_0040;
    public static final int FILE_OPEN_BY_FILE_ID = 0x0000_2000;
    public static final int FILE_DELETE_ON_CLOSE = 0x0000_1000;

    public Smb2CreateRequest {
        createContexts = List.copyOf(createContexts);
    }

    public static Smb2CreateRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("CREATE request StructureSize " + structureSize + ", expected 57");
        }
        in.skip(1);                                    // SecurityFlags
        int oplock = in.readUInt8();
        int impersonation = in.readInt32();
        in.skip(16);                                   // SmbCreateFlags, Reserved
        int desiredAccess = in.readInt32();
        int attributes = in.readInt32();
        int shareAccess = in.readInt32();
        int disposition = in.readInt32();
        int options = in.readInt32();
        int nameOffset = in.readUInt16();
        int nameLength = in.readUInt16();
        int contextsOffset = in.readInt32();
        int contextsLength = in.readInt32();
        String name = Utf16.read(in, nameOffset, nameLength, BUFFER_OFFSET, "CREATE name");
        if (contextsLength != 0 && contextsOffset < BUFFER_OFFSET) {
            throw new SmbWireException("CREATE contexts at " + contextsOffset + " overlap the fixed part");
        }
        List<Smb2CreateContext> contexts = Smb2CreateContext.decodeChain(in, contextsOffset, contextsLength);
        return new Smb2CreateRequest(oplock, impersonation, desiredAccess, attributes, shareAccess, disposition,
                options, name, contexts);
    }

    /** Writes the body (name, then the 8-aligned contexts); the SMB2 header must directly precede it. */
    public void encode(ByteBuf out) {
        int headerStart = out.writerIndex() - Smb2Header.STRUCTURE_SIZE;
        byte[] utf16 = Utf16.encode(name);
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(0);
        out.writeByte(requestedOplockLevel);
        out.writeIntLE(impersonationLevel);
        out.writeZero(16);
        out.writeIntLE(desiredAccess);
        out.writeIntLE(fileAttributes);
        out.writeIntLE(shareAccess);
        out.writeIntLE(createDisposition);
        out.writeIntLE(createOptions);
        out.writeShortLE(BUFFER_OFFSET);
        out.writeShortLE(utf16.length);
        int contextFields = out.writerIndex();
        out.writeIntLE(0);
        out.writeIntLE(0);
        out.writeBytes(utf16);
        if (utf16.length == 0) {
            out.writeByte(0);                          // the buffer is never empty
        }
        if (!createContexts.isEmpty()) {
            int at = out.writerIndex() - headerStart;
            out.writeZero(Smb2CreateContext.align8(at) - at);
            out.setIntLE(contextFields, Smb2CreateContext.align8(at));
            out.setIntLE(contextFields + 4, Smb2CreateContext.encodeChain(out, createContexts));
        }
    }
}
