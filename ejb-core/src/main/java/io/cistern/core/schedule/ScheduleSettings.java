package io.cistern.core.schedule;

import io.cistern.core.model.JobSchedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** The schedules administrators set, as settings in the database ({@code job_schedule}). */
@Stateless
public class ScheduleSettings {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** The schedule set for {@code job}, if one was ever set; else the job runs on its default. */
    public Optional<JobSchedule> find(String job) {
        return Optional.ofNullable(em.find(JobSchedule.class, job));
    }

    /** Stores {@code schedule} (already parsed, so valid) as {@code job}'s, in the caller's transaction. */
    public JobSchedule save(String job, CronSchedule schedule, String changedBy) {
        JobSchedule row = em.find(JobSchedule.class, job);
        if (row == null) {
            row = new JobSchedule(job);
            em.persist(row);
        }
        row.set(schedule.expression(), changedBy, Instant.now());
        return row;
    }
}
