package io.cistern.nfs.rpc;

import io.cistern.transport.LargeMessageBuffers;
import io.cistern.transport.MessageCumulation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Reassembles RPC records from their fragments: record marking over TCP, RFC 5531 section 11. Each
 * fragment starts with a four-byte header whose high bit marks the last fragment and whose low 31 bits
 * give its length. A record larger than the limit is skipped as it arrives, without buffering it, and
 * reported as an {@link OversizedRecord} so the caller can still answer it; the connection stays usable.
 */
public final class RecordMarkingDecoder extends ByteToMessageDecoder {
    private static final int LAST_FRAGMENT = 0x8000_0000;

    private final int maxRecordBytes;
    private final LargeMessageBuffers large;
    /**
     * The record so far: the fragment itself while there is one (no copy, the usual case), then a buffer the
     * fragments are copied into. Keeping each fragment as a slice instead would let a client that sends a record
     * in one-byte fragments pin about 100 bytes of heap per byte sent.
     */
    private ByteBuf record;
    private boolean recordIsCopy;
    private long recordBytes;
    private int fragmentRemaining = -1;
    private boolean lastFragment;
    private boolean discarding;
    private final byte[] discardedPrefix = new byte[OversizedRecord.PREFIX_BYTES];
    private int discardedPrefixLength;

    /** The memory held for a fragment still arriving: what a test may check against what it sent. */
    int heldCapacity() {
        return internalBuffer().capacity();
    }

    /** A decoder with large-record buffers of its own, for a connection alone (clients, tests). */
    public RecordMarkingDecoder(int maxRecordBytes) {
        this(maxRecordBytes, new LargeMessageBuffers(maxRecordBytes, 2));
    }

    /** @param large shared by the listener's connections; each as large as a record of {@code maxRecordBytes} */
    public RecordMarkingDecoder(int maxRecordBytes, LargeMessageBuffers large) {
        large.requireRoomFor(maxRecordBytes);
        this.maxRecordBytes = maxRecordBytes;
        this.large = large;
        setCumulator(this::cumulate);
    }

    /**
     * While a fragment is arriving, its buffer grows towards the fragment's length ({@link MessageCumulation}): a
     * 1 MiB WRITE arrives in reads of 64 KiB, and merging alone would copy what came so far at every doubling.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (!discarding && fragmentRemaining > 0) {
            ByteBuf grown = MessageCumulation.grownTowards(alloc, large, cumulation, in, fragmentRemaining);
            if (grown != null) {
                return grown;
            }
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (fragmentRemaining < 0) {
                if (in.readableBytes() < 4) {
                    return;
                }
                startFragment(in.readInt());
            }
            if (discarding) {
                skipDiscarded(in);
            } else if (fragmentRemaining > 0) {
                if (in.readableBytes() < fragmentRemaining) {
                    return;
                }
                appendToRecord(ctx, in.readRetainedSlice(fragmentRemaining));
                fragmentRemaining = 0;
            }
            if (fragmentRemaining > 0) {
                return;
            }
            fragmentRemaining = -1;
            if (lastFragment) {
                out.add(finishRecord(ctx));
            }
        }
    }

    private void startFragment(int header) {
        lastFragment = (header & LAST_FRAGMENT) != 0;
        fragmentRemaining = header & ~LAST_FRAGMENT;
        if (!discarding && recordBytes + fragmentRemaining > maxRecordBytes) {
            discarding = true;
            keepPrefixOfAssembled();
        }
        recordBytes += fragmentRemaining;
    }

    private void keepPrefixOfAssembled() {
        if (record != null) {
            discardedPrefixLength = Math.min(record.readableBytes(), discardedPrefix.length);
            record.getBytes(record.readerIndex(), discardedPrefix, 0, discardedPrefixLength);
            record.release();
            record = null;
            recordIsCopy = false;
        }
    }

    private void skipDiscarded(ByteBuf in) {
        int n = Math.min(in.readableBytes(), fragmentRemaining);
        int keep = Math.min(n, discardedPrefix.length - discardedPrefixLength);
        in.readBytes(discardedPrefix, discardedPrefixLength, keep);
        discardedPrefixLength += keep;
        in.skipBytes(n - keep);
        fragmentRemaining -= n;
    }

    private void appendToRecord(ChannelHandlerContext ctx, ByteBuf fragment) {
        if (record == null) {
            record = fragment;
            return;
        }
        try {
            if (!recordIsCopy) {
                ByteBuf copy = ctx.alloc().buffer(record.readableBytes() + fragment.readableBytes());
                copy.writeBytes(record);
                record.release();
                record = copy;
                recordIsCopy = true;
            }
            record.writeBytes(fragment);
        } finally {
            fragment.release();
        }
    }

    private Object finishRecord(ChannelHandlerContext ctx) {
        Object result;
        if (discarding) {
            byte[] prefix = java.util.Arrays.copyOf(discardedPrefix, discardedPrefixLength);
            result = new OversizedRecord(prefix, recordBytes);
        } else {
            result = record != null ? record : ctx.alloc().buffer(0);
        }
        record = null;
        recordIsCopy = false;
        recordBytes = 0;
        discarding = false;
        discardedPrefixLength = 0;
        return result;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (record != null) {
            record.release();
            record = null;
        }
    }
}
