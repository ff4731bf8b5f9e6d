package io.cistern.batch.gc;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.gc.BlockCollector;
import io.cistern.core.gc.ObjectInStore;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Walks the objects of every block store, one store after another in id order and each in hash order, for the orphan
 * step, counting each as examined. The checkpoint is {@code <store id>:<hash of the last object read, as hex>}, so
 * that a restarted step lists that store again from just after it and then the stores after it: one listing of each,
 * resumed, never a second full pass. A checkpoint of plain hex (written before stores were several) is the default
 * store's.
 */
@Named("gcStoredObjectReader")
@Dependent
public class StoredObjectReader extends AbstractItemReader {
    @EJB
    private BlockCollector collector;

    @Inject
    private StepContext step;

    private final Deque<Long> storesLeft = new ArrayDeque<>();
    private long store;
    private Stream<StoredBlock> listing;
    private Iterator<StoredBlock> objects;
    private BlockHash lastRead;

    @Override
    public void open(Serializable checkpoint) {
        String resumed = (String) checkpoint;
        long fromStore = 0;
        if (resumed != null) {
            int colon = resumed.indexOf(':');
            fromStore = colon < 0 ? 0 : Long.parseLong(resumed.substring(0, colon));
            String hex = colon < 0 ? resumed : resumed.substring(colon + 1);
            lastRead = hex.isEmpty() ? null : BlockHash.fromHex(hex);
        }
        for (long id : collector.storeIds()) {
            if (id >= fromStore) {
                storesLeft.add(id);
            }
        }
        if (storesLeft.isEmpty() || storesLeft.peekFirst() != fromStore) {
            lastRead = null;   // the store of the checkpoint was deleted meanwhile: the next one from its first
        }
        nextStore();
    }

    @Override
    public Object readItem() {
        while (objects != null) {
            if (objects.hasNext()) {
                StoredBlock next = objects.next();
                lastRead = next.hash();
                GcProgress.of(step).examinedObject();
                return new ObjectInStore(store, next);
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
            listing = collector.storedAfter(id, lastRead);
            objects = listing.iterator();
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return store + ":" + (lastRead == null ? "" : lastRead.hex());
    }

    @Override
    public void close() {
        if (listing != null) {
            listing.close();
        }
    }
}
