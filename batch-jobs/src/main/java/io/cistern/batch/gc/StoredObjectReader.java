package io.cistern.batch.gc;

import io.cistern.batch.StoredBlockWalk;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.gc.BlockCollector;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.stream.Stream;

/** Walks the objects in the store in hash order, for the orphan step, counting each as examined. */
@Named("gcStoredObjectReader")
@Dependent
public class StoredObjectReader extends StoredBlockWalk {
    @EJB
    private BlockCollector collector;

    @Inject
    private StepContext step;

    @Override
    protected Stream<StoredBlock> listAfter(BlockHash after) {
        return collector.storedAfter(after);
    }

    @Override
    protected void read(StoredBlock object) {
        GcProgress.of(step).examinedObject();
    }
}
