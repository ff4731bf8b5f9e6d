package io.cistern.batch;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import jakarta.batch.api.chunk.AbstractItemReader;
import java.io.Serializable;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A chunk reader that walks the objects of the block store in hash order. The checkpoint is the hash of the last
 * object read (as hex), so that a restarted step lists the store again from just after it: one listing, resumed,
 * never a second full pass.
 */
public abstract class StoredBlockWalk extends AbstractItemReader {
    private Stream<StoredBlock> listing;
    private Iterator<StoredBlock> objects;
    private BlockHash lastRead;

    /** The store's objects after {@code after} (null: from the first), in hash order; closed when the step ends. */
    protected abstract Stream<StoredBlock> listAfter(BlockHash after);

    /** Told of each object as it is read, for a step's progress; nothing by default. */
    protected void read(StoredBlock object) {
    }

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? null : BlockHash.fromHex((String) checkpoint);
        listing = listAfter(lastRead);
        objects = listing.iterator();
    }

    @Override
    public Object readItem() {
        if (!objects.hasNext()) {
            return null;
        }
        StoredBlock next = objects.next();
        lastRead = next.hash();
        read(next);
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead == null ? null : lastRead.hex();
    }

    @Override
    public void close() {
        if (listing != null) {
            listing.close();
        }
    }
}
