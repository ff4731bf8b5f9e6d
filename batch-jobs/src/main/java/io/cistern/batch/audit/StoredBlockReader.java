package io.cistern.batch.audit;

import io.cistern.batch.EveryStoreWalk;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.List;
import java.util.stream.Stream;

/** Walks the blocks in every store, store after store in hash order, for the audit's stored-blocks step. */
@Named("auditStoredBlockReader")
@Dependent
public class StoredBlockReader extends EveryStoreWalk {
    @EJB
    private BlockAudit audit;

    @Override
    protected List<Long> storeIds() {
        return audit.storeIds();
    }

    @Override
    protected Stream<StoredBlock> listAfter(long storeId, BlockHash after) {
        return audit.storedBlocksAfter(storeId, after);
    }
}
