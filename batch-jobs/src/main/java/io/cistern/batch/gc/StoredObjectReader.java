package io.cistern.batch.gc;

import io.cistern.batch.EveryStoreWalk;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import io.cistern.core.gc.BlockCollector;
import io.cistern.core.payload.ObjectInStore;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.stream.Stream;

/** Walks the objects of every store, store after store in hash order, for the orphan step, counting each as examined. */
@Named("gcStoredObjectReader")
@Dependent
public class StoredObjectReader extends EveryStoreWalk {
    @EJB
    private BlockCollector collector;

    @Inject
    private StepContext step;

    @Override
    protected List<Long> storeIds() {
        return collector.storeIds();
    }

    @Override
    protected Stream<StoredBlock> listAfter(long storeId, BlockHash after) {
        return collector.storedAfter(storeId, after);
    }

    @Override
    protected void read(ObjectInStore object) {
        GcProgress.of(step).examinedObject();
    }
}
