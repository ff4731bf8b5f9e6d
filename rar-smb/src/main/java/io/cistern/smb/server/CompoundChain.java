package io.cistern.smb.server;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one SMB2 message, [MS-SMB2] 3.3.5.2.7: each header's NextCommand is the offset of the next one
 * from its own start, 8-byte aligned, and 0 on the last. Each element is a slice from its header to the next
 * header, padding included, since that is what its signature covers (3.1.5.1).
 */
final class CompoundChain {
    /** More than any client chains (Windows sends three to five); a longer chain is refused, not processed. */
    static final int MAX_ELEMENTS = 32;
    private static final int NEXT_COMMAND_OFFSET = 20;
    private static final int HEADER_BYTES = 64;

    private CompoundChain() {
    }

    /** The elements, or null when a NextCommand is misaligned, too small, past the end, or the chain too long. */
    static List<ByteBuf> split(ByteBuf message) {
        List<ByteBuf> elements = new ArrayList<>();
        int start = message.readerIndex();
        int end = message.writerIndex();
        while (true) {
            if (end - start < HEADER_BYTES || elements.size() == MAX_ELEMENTS) {
                return null;
            }
            long next = message.getUnsignedIntLE(start + NEXT_COMMAND_OFFSET);
            if (next == 0) {
                elements.add(message.slice(start, end - start));
                return elements;
            }
            if (next % 8 != 0 || next < HEADER_BYTES || next > end - start - HEADER_BYTES) {
                return null;
            }
            elements.add(message.slice(start, (int) next));
            start += (int) next;
        }
    }
}
