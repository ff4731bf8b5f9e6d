package io.cistern.core.blocks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Argument checks and small helpers the stores share. */
final class Blocks {
    private Blocks() {
    }

    static void checkBlockSize(ByteBuffer data) {
        if (data.remaining() > BlockStore.MAX_BLOCK) {
            throw new IllegalArgumentException(
                    "a block is at most " + BlockStore.MAX_BLOCK + " bytes, got " + data.remaining());
        }
    }

    static void checkRange(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset and length must be >= 0, got " + offset + ", " + length);
        }
    }

    /** The part of a whole block a ranged get returns: clipped to the block's end, empty past it. */
    static byte[] slice(byte[] block, long offset, int length) {
        if (offset >= block.length) {
            return new byte[0];
        }
        int from = (int) offset;
        int to = (int) Math.min(block.length, offset + length);
        return Arrays.copyOfRange(block, from, to);
    }

    /**
     * Wraps a lazy stream so that a failure while it is consumed (an I/O error in a directory walk, an SDK
     * error fetching the next listing page) reaches the caller as a BlockStoreException, like every other
     * failure of a store. Closing the result closes {@code source}.
     */
    static <T> Stream<T> translatingFailures(Stream<T> source, Function<RuntimeException, BlockStoreException> translate) {
        Iterator<T> iterator = source.iterator();
        Iterator<T> translating = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return iterator.hasNext();
                } catch (BlockStoreException | NoSuchElementException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw translate.apply(e);
                }
            }

            @Override
            public T next() {
                try {
                    return iterator.next();
                } catch (BlockStoreException | NoSuchElementException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw translate.apply(e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(translating, Spliterator.NONNULL), false)
                .onClose(source::close);
    }
}
