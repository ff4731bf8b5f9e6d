package io.cistern.core.service;

import io.cistern.core.model.StepProgress;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The {@link StepProgress} rows: written by the batch jobs' chunks, read by the admin API. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class StepProgressRecords {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** Records a step's counts in the caller's transaction (the chunk's, so they commit with its checkpoint). */
    public void record(long executionId, String stepName, long items, long bytes) {
        StepProgress progress = em.find(StepProgress.class, new StepProgress.Key(executionId, stepName));
        if (progress == null) {
            progress = new StepProgress(executionId, stepName);
            progress.update(items, bytes, Instant.now());
            em.persist(progress);
        } else {
            progress.update(items, bytes, Instant.now());
        }
    }

    /** The executions that have rows. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> executions() {
        return em.createQuery("select distinct p.executionId from StepProgress p", Long.class).getResultList();
    }

    /** Deletes the rows of these executions; returns how many rows went. */
    public int forget(Collection<Long> executions) {
        if (executions.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from StepProgress p where p.executionId in :executions")
                .setParameter("executions", executions).executeUpdate();
    }

    /** The rows of these executions. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StepProgress> of(Collection<Long> executions) {
        if (executions.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select p from StepProgress p where p.executionId in :executions", StepProgress.class)
                .setParameter("executions", executions).getResultList();
    }
}
