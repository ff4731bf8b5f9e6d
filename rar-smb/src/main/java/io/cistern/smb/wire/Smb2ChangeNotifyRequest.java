package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;

/**
 * SMB2 CHANGE_NOTIFY Request, [MS-SMB2] 2.2.35: Flags (SMB2_WATCH_TREE), OutputBufferLength, the FileId of a
 * directory and the CompletionFilter ([MS-FSCC] FILE_NOTIFY_CHANGE_*); 32 bytes.
 */
public record Smb2ChangeNotifyRequest(int flags, int outputBufferLength, Smb2FileId fileId, int completionFilter) {
    public static final int STRUCTURE_SIZE = 32;
    public static final int WATCH_TREE = 0x0001;

    public static Smb2ChangeNotifyRequest decode(WireReader in) throws SmbWireException {
        int structureSize = in.readUInt16();
        if (structureSize != STRUCTURE_SIZE) {
            throw new SmbWireException("CHANGE_NOTIFY request StructureSize " + structureSize + ", expected 32");
        }
        int flags = in.readUInt16();
        int outputBufferLength = in.readInt32();
        Smb2FileId fileId = Smb2FileId.decode(in);
        int completionFilter = in.readInt32();
        in.skip(4);                                    // Reserved
        return new Smb2ChangeNotifyRequest(flags, outputBufferLength, fileId, completionFilter);
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(STRUCTURE_SIZE);
        out.writeShortLE(flags);
        out.writeIntLE(outputBufferLength);
        fileId.encode(out);
        out.writeIntLE(completionFilter);
        out.writeZero(4);
    }

    /** Whether the client asked to watch the whole subtree, not only the directory's own entries. */
    public boolean watchesTree() {
        return (flags & WATCH_TREE) != 0;
    }
}
