package io.cistern.batch.audit;

import io.cistern.batch.StoredBlockWalk;
import io.cistern.core.audit.BlockAudit;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.stream.Stream;

/** Walks the blocks in the store in hash order, for the audit's stored-blocks step. */
@Named("auditStoredBlockReader")
@Dependent
public class StoredBlockReader extends StoredBlockWalk {
    @EJB
    private BlockAudit audit;

    @Override
    protected Stream<StoredBlock> listAfter(BlockHash after) {
        return audit.storedBlocksAfter(after);
    }
}
