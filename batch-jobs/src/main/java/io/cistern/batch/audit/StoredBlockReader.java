package io.cistern.batch.audit;

import io.cistern.core.audit.BlockAudit;
import io.cistern.core.blocks.BlockHash;
import io.cistern.core.blocks.StoredBlock;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Walks the blocks in the store in hash order. The checkpoint is the hash of the last block read (as hex), so that a
 * restarted execution lists the store again from just after it: one listing, resumed, never a second full pass.
 */
@Named("auditStoredBlockReader")
@Dependent
public class StoredBlockReader extends AbstractItemReader {
    @EJB
    private BlockAudit audit;

    private Stream<StoredBlock> listing;
    private Iterator<StoredBlock> blocks;
    private BlockHash lastRead;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? null : BlockHash.fromHex((String) checkpoint);
        listing = audit.storedBlocksAfter(lastRead);
        blocks = listing.iterator();
    }

    @Override
    public Object readItem() {
        if (!blocks.hasNext()) {
            return null;
        }
        StoredBlock next = blocks.next();
        lastRead = next.hash();
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
