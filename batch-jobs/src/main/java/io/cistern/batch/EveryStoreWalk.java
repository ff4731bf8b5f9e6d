package io.cistern.batch;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.payload.ObjectInStore;
import jakarta.batch.api.chunk.AbstractItemReader;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A chunk reader that walks the objects of every block store, one store after another in id order and each in hash
 * order, handing out {@link ObjectInStore}s. The checkpoint is {@code <store id>:<hash of the last object read, as
 * hex>}, so that a restarted step lists that store again from just after it and then the stores after it: one listing
 * of each, resumed, never a second full pass. A checkpoint of plain hex (written before every store was walked) is the
 * default store's.
 */
public abstract class EveryStoreWalk extends AbstractItemReader {
    private final Deque<Long> storesLeft = new ArrayDeque<>();
    private long store;
    private Stream<StoredBlock> listing;
    private Iterator<StoredBlock> objects;
    private BlockHash lastRead;

    /** Every store's id, in order. */
    protected abstract List<Long> storeIds();

    /** Store {@code storeId}'s objects after {@code after} (null: from the first), in hash order; closed after. */
    protected abstract Stream<StoredBlock> listAfter(long storeId, BlockHash after);

    /** Told of each object as it is read, for a step's progress; nothing by default. */
    protected void read(ObjectInStore object) {
    }

    @Override
    public void open(Serializable checkpoint) {
        StoreCheckpoint resumed = StoreCheckpoint.parse(checkpoint);
        storesLeft.addAll(resumed.storesLeft(storeIds()));
        lastRead = resumed.resumeAfter(storesLeft);
        nextStore();
    }

    @Override
    public Object readItem() {
        while (objects != null) {
            if (objects.hasNext()) {
                StoredBlock next = objects.next();
                lastRead = next.hash();
                ObjectInStore item = new ObjectInStore(store, next);
                read(item);
                return item;
            }
            listing.close();
            lastRead = null;
            nextStore();
        }
        return null;
    }

    private void nextStore() {
        listing = null;
        objects = null;
        Long id = storesLeft.pollFirst();
        if (id != null) {
            store = id;
            listing = listAfter(id, lastRead);
            objects = listing.iterator();
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return new StoreCheckpoint(store, lastRead).text();
    }

    @Override
    public void close() {
        if (listing != null) {
            listing.close();
        }
    }
}
