package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * SMB2 CREATE Response, [MS-SMB2] 2.2.14: an 88-byte fixed part (oplock level, flags, CreateAction, the four
 * FILETIMEs, AllocationSize, EndofFile, FileAttributes, the FileId) and the chain of response create contexts,
 * which {@link #encode} puts right after it (offset 152 from the header, 8-aligned).
 */
public record Smb2CreateResponse(int oplockLevel, int createAction, FileAttributeValues attributes, Smb2FileId fileId,
                                 List<Smb2CreateContext> createContexts) {
    public static final int STRUCTURE_SIZE = 89;
    public static final int FIXED_SIZE = 88;

    public Smb2CreateResponse {
        createContexts = List.copyOf(createContexts);
    }

    public static Smb2CreateResponse decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("CREATE response StructureSize " + structureSize + ", expected 89");
        }
        int oplock = in.readUInt8();
        in.skip(1);                                    // Flags
        int action = in.readInt32();
        FileAttributeValues attributes = FileAttributeValues.decode(in);
        in.skip(4);                                    // Reserved2
        Smb2FileId fileId = Smb2FileId.decode(in);
        int contextsOffset = in.readInt32();
        int contextsLength = in.readInt32();
        return new Smb2CreateResponse(oplock, action, attributes, fileId,
                Smb2CreateContext.decodeChain(in, contextsOffset, contextsLength));
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeByte(oplockLevel);
        out.writeByte(0);
        out.writeIntLE(createAction);
        attributes.encode(out);
        out.writeIntLE(0);
        fileId.encode(out);
        out.writeIntLE(createContexts.isEmpty() ? 0 : Smb2Header.STRUCTURE_SIZE + FIXED_SIZE);
        int lengthField = out.writerIndex();
        out.writeIntLE(0);
        if (createContexts.isEmpty()) {
            out.writeByte(0);
        } else {
            out.setIntLE(lengthField, Smb2CreateContext.encodeChain(out, createContexts));
        }
    }
}
