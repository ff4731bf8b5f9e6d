package io.cistern.batch.gc;

import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.gc.BlockCollector;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Walks the objects in the store in hash order, for the orphan step. The checkpoint is the hash of the last object
 * read (as hex), so that a restarted step lists the store again from just after it.
 */
@Named("gcStoredObjectReader")
@Dependent
public class StoredObjectReader extends AbstractItemReader {
    @EJB
    private BlockCollector collector;

    @Inject
    private StepContext step;

    private Stream<StoredBlock> listing;
    private Iterator<StoredBlock> objects;
    private BlockHash lastRead;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? null : BlockHash.fromHex((String) checkpoint);
        listing = collector.storedAfter(lastRead);
        objects = listing.iterator();
    }

    @Override
    public Object readItem() {
        if (!objects.hasNext()) {
            return null;
        }
        StoredBlock next = objects.next();
        lastRead = next.hash();
        GcProgress.of(step).examinedObject();
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
