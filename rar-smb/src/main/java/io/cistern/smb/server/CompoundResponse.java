package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The responses to one compound chain joined into one transport message, [MS-SMB2] 3.3.4.1.3: each response padded
 * to a multiple of 8 bytes (the last too, as the section advises and as Windows does: smbtorture's
 * smb2.compound.compound-padding), each but the last with NextCommand giving the offset of the next, the response
 * to a related request with SMB2_FLAGS_RELATED_OPERATIONS, and each signed on its own, the signature covering the
 * response and its padding (3.3.4.1.1). When the session encrypts, the whole chain goes in one TRANSFORM_HEADER
 * message (3.3.4.1.4); responses of different encryption (another session's, or one that is not encrypted: an error
 * for a request whose session was not found) are never sealed together, so a chain is cut into one message per run
 * of responses with the same encryption. A run of one response is sent as a response alone is.
 */
final class CompoundResponse {
    private static final int ALIGNMENT = 8;
    private static final int FLAGS_OFFSET = 16;
    private static final int NEXT_COMMAND_OFFSET = 20;

    /**
     * One response of the chain, encoded but neither signed nor encrypted (SMB2_FLAGS_SIGNED set already when it is
     * to be signed); {@code related} when its request was a related operation.
     */
    record Part(ByteBuf plain, ResponseProtection protection, boolean related) {
        /** What seals it: the same for parts that may share a transform header; null when not encrypted. */
        Object sealedBy() {
            return protection instanceof ResponseProtection.Encrypted encrypted ? encrypted : null;
        }
    }

    private CompoundResponse() {
    }

    /**
     * The transport messages that carry {@code parts}, in order; owns the parts from here on, also when it throws
     * (then whatever was made is released).
     */
    static List<ByteBuf> assemble(ByteBufAllocator alloc, List<Part> parts) {
        List<ByteBuf> messages = new ArrayList<>();
        int start = 0;
        try {
            while (start < parts.size()) {
                int end = start + 1;
                while (end < parts.size() && Objects.equals(parts.get(end).sealedBy(), parts.get(start).sealedBy())) {
                    end++;
                }
                List<Part> run = parts.subList(start, end);
                start = end;   // the run is owned by what it becomes, even if that throws
                messages.add(run.size() == 1 ? alone(run.get(0)) : chained(alloc, run));
            }
            return messages;
        } catch (RuntimeException | Error e) {
            messages.forEach(ByteBuf::release);
            parts.subList(start, parts.size()).forEach(part -> part.plain().release());
            throw e;
        }
    }

    private static ByteBuf alone(Part part) {
        return Smb2ResponseWriter.protect(part.plain(), part.protection());
    }

    /** Two or more parts of the same encryption: padded, linked, each signed, then sealed together. */
    private static ByteBuf chained(ByteBufAllocator alloc, List<Part> run) {
        CompositeByteBuf message = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
        int added = 0;
        try {
            for (int i = 0; i < run.size(); i++) {
                ByteBuf padded = padded(alloc, run.get(i), i == run.size() - 1);
                added++;   // the part is the padded buffer's now, and that the message's
                message.addComponent(true, padded);
            }
        } catch (RuntimeException | Error e) {
            message.release();
            // the part that threw was released by padded(); those after it were never touched
            run.subList(Math.min(added + 1, run.size()), run.size()).forEach(part -> part.plain().release());
            throw e;
        }
        return Smb2ResponseWriter.protect(message, encryptionOf(run.get(0)));
    }

    /**
     * The part with its flags and NextCommand set, padded to 8 bytes, and signed over all of that; owns the part,
     * also when it throws.
     */
    private static ByteBuf padded(ByteBufAllocator alloc, Part part, boolean last) {
        ByteBuf whole = part.plain();
        try {
            int at = whole.readerIndex();
            int length = whole.readableBytes();
            int paddedLength = (length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
            if (part.related()) {
                whole.setIntLE(at + FLAGS_OFFSET, whole.getIntLE(at + FLAGS_OFFSET) | Smb2Header.FLAGS_RELATED_OPERATIONS);
            }
            whole.setIntLE(at + NEXT_COMMAND_OFFSET, last ? 0 : paddedLength);
            if (paddedLength > length) {
                CompositeByteBuf withPadding = alloc.compositeDirectBuffer(Integer.MAX_VALUE);
                withPadding.addComponent(true, whole);
                whole = withPadding;
                withPadding.addComponent(true, alloc.directBuffer(paddedLength - length).writeZero(paddedLength - length));
            }
            if (part.protection() instanceof ResponseProtection.Signed signing) {
                signing.signer().sign(whole, whole.readerIndex(), paddedLength);
            }
            return whole;
        } catch (RuntimeException | Error e) {
            whole.release();
            throw e;
        }
    }

    /** The encryption of a run (all its parts share it); signing was done part by part. */
    private static ResponseProtection encryptionOf(Part part) {
        return part.protection() instanceof ResponseProtection.Encrypted ? part.protection() : null;
    }
}
