package io.cistern.batch.audit;

import io.cistern.core.audit.BlockAudit;
import io.cistern.core.blocks.BlockHash;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Every distinct hash that a file's mappings name, in hash order, fetched a page at a time from just after the last
 * one read. The checkpoint is that last hash (as hex).
 */
@Named("auditReferencedBlockReader")
@Dependent
public class ReferencedBlockReader extends AbstractItemReader {
    private static final int PAGE = 1024;

    @EJB
    private BlockAudit audit;

    private final Deque<BlockHash> page = new ArrayDeque<>();
    private BlockHash lastRead;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? null : BlockHash.fromHex((String) checkpoint);
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            var next = audit.referencedAfter(lastRead, PAGE);
            page.addAll(next);
            exhausted = next.size() < PAGE;
        }
        BlockHash hash = page.poll();
        if (hash != null) {
            lastRead = hash;
        }
        return hash;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead == null ? null : lastRead.hex();
    }
}
