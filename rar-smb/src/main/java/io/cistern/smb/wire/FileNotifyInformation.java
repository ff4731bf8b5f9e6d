package io.cistern.smb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * FILE_NOTIFY_INFORMATION, [MS-FSCC] 2.7.1: one change a CHANGE_NOTIFY answers with ([MS-SMB2] 2.2.36). Entries are
 * chained by NextEntryOffset (0 in the last), each starting on a 4-byte boundary: NextEntryOffset (4), Action (4),
 * FileNameLength (4, in bytes), FileName (UTF-16LE, no terminator), the name relative to the watched directory.
 */
public record FileNotifyInformation(int action, String fileName) {
    public static final int ACTION_ADDED = 0x0000_0001;
    public static final int ACTION_REMOVED = 0x0000_0002;
    public static final int ACTION_MODIFIED = 0x0000_0003;
    public static final int ACTION_RENAMED_OLD_NAME = 0x0000_0004;
    public static final int ACTION_RENAMED_NEW_NAME = 0x0000_0005;
    private static final int FIXED_SIZE = 12;
    private static final int ALIGNMENT = 4;

    /** The bytes this entry takes in a chain where another entry follows it (padding to 4 bytes included). */
    public int alignedSize() {
        return align(FIXED_SIZE + 2 * fileName.length());
    }

    /** The bytes a chain of {@code entries} takes: the last entry is not padded. */
    public static int chainSize(List<FileNotifyInformation> entries) {
        int size = 0;
        for (int i = 0; i < entries.size(); i++) {
            FileNotifyInformation entry = entries.get(i);
            size += i == entries.size() - 1 ? FIXED_SIZE + 2 * entry.fileName.length() : entry.alignedSize();
        }
        return size;
    }

    /** The chain of {@code entries}, as the output buffer of a CHANGE_NOTIFY response. */
    public static byte[] encodeAll(List<FileNotifyInformation> entries) {
        ByteBuf out = Unpooled.buffer(chainSize(entries));
        for (int i = 0; i < entries.size(); i++) {
            FileNotifyInformation entry = entries.get(i);
            byte[] name = Utf16.encode(entry.fileName);
            boolean last = i == entries.size() - 1;
            int start = out.writerIndex();
            out.writeIntLE(last ? 0 : entry.alignedSize());
            out.writeIntLE(entry.action);
            out.writeIntLE(name.length);
            out.writeBytes(name);
            if (!last) {
                out.writeZero(start + entry.alignedSize() - out.writerIndex());
            }
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** Reads a chain, checking that each offset moves forward, stays inside and keeps 4-byte alignment. */
    public static List<FileNotifyInformation> decodeAll(byte[] chain) throws SmbWireException {
        List<FileNotifyInformation> entries = new ArrayList<>();
        if (chain.length == 0) {
            return entries;
        }
        WireReader in = new WireReader(Unpooled.wrappedBuffer(chain));
        int start = 0;
        while (true) {
            in.seek(start);
            int next = in.readInt32();
            int action = in.readInt32();
            int nameLength = in.readInt32();
            if (nameLength < 0 || nameLength > in.remaining()) {
                throw new SmbWireException("FILE_NOTIFY_INFORMATION FileNameLength " + nameLength + " too long");
            }
            entries.add(new FileNotifyInformation(action, Utf16.read(in, start + FIXED_SIZE, nameLength,
                    start + FIXED_SIZE, "FILE_NOTIFY_INFORMATION FileName")));
            if (next == 0) {
                return entries;
            }
            if (next < FIXED_SIZE + nameLength || next % ALIGNMENT != 0 || (long) start + next >= chain.length) {
                throw new SmbWireException("FILE_NOTIFY_INFORMATION NextEntryOffset " + next + " is malformed");
            }
            start += next;
        }
    }

    private static int align(int size) {
        return (size + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
