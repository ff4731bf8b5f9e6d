package io.cistern.batch.schedule;

import io.cistern.batch.audit.AuditAlreadyRunningException;
import io.cistern.batch.audit.AuditJobs;
import io.cistern.batch.gc.GcAlreadyRunningException;
import io.cistern.batch.gc.GcJobs;
import io.cistern.batch.stats.StatsAlreadyRunningException;
import io.cistern.batch.stats.StatsJobs;
import io.cistern.core.config.CisternSettings;
import io.cistern.core.model.JobSchedule;
import io.cistern.core.schedule.CronSchedule;
import io.cistern.core.schedule.InvalidScheduleException;
import io.cistern.core.schedule.ScheduleSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the maintenance jobs on their schedules: one EJB calendar timer per job whose schedule is not {@code off}, made
 * at start from the settings ({@link ScheduleSettings}, else the job's default unless
 * {@link CisternSettings#defaultSchedules()} is off) and replaced as soon as a schedule is
 * changed, without a restart. A fire while the job still runs is skipped and logged (the jobs' starters refuse a
 * second execution), so a job never runs twice at once.
 *
 * <p>The timers are not persistent: a fire missed while the server was down is not made up at start; the next one
 * comes on schedule. The singleton's write lock serializes fires and changes, so a fire never sees a half-replaced
 * timer.
 */
@Singleton
@Startup
public class JobScheduler {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    @Resource
    private TimerService timerService;
    @EJB
    private ScheduleSettings settings;
    @EJB
    private StatsJobs statsJobs;
    @EJB
    private GcJobs gcJobs;
    @EJB
    private AuditJobs auditJobs;

    private final Map<ScheduledJob, Timer> timers = new EnumMap<>(ScheduledJob.class);
    private final Map<ScheduledJob, CronSchedule> schedules = new EnumMap<>(ScheduledJob.class);
    private final Map<ScheduledJob, Fires> fires = new EnumMap<>(ScheduledJob.class);

    /** What the timer of one job did since start. */
    private static final class Fires {
        Instant lastAt;
        String lastOutcome;
        long count;
        long skipped;
    }

    @PostConstruct
    void installAll() {
        for (ScheduledJob job : ScheduledJob.values()) {
            fires.put(job, new Fires());
            install(job, configured(job));
        }
    }

    /** Every scheduled job's schedule, in the order stats, gc, audit. */
    @Lock(LockType.READ)
    public List<ScheduleView> list() {
        return Arrays.stream(ScheduledJob.values()).map(this::view).toList();
    }

    /** One job's schedule. */
    @Lock(LockType.READ)
    public ScheduleView get(String job) {
        return view(known(job));
    }

    /**
     * Sets {@code job}'s schedule (stored, and its timer replaced at once); returns the new view.
     *
     * @throws UnknownJobException      for a job without schedule
     * @throws InvalidScheduleException naming the field that is wrong
     */
    public ScheduleView change(String job, String expression, String changedBy) {
        ScheduledJob scheduled = known(job);
        CronSchedule schedule = CronSchedule.parse(expression);
        settings.save(scheduled.jobName(), schedule, changedBy);
        install(scheduled, schedule);
        LOG.info(() -> "schedule of " + job + " set to '" + schedule + "' by " + changedBy);
        return view(scheduled);
    }

    /**
     * Sets several schedules at once, all or nothing: every expression is checked before any is stored.
     *
     * @throws InvalidScheduleException with the job's name as its field
     */
    public List<ScheduleView> changeAll(Map<String, String> expressions, String changedBy) {
        Map<ScheduledJob, CronSchedule> parsed = new EnumMap<>(ScheduledJob.class);
        for (Map.Entry<String, String> entry : expressions.entrySet()) {
            ScheduledJob job = known(entry.getKey());
            try {
                parsed.put(job, CronSchedule.parse(entry.getValue()));
            } catch (InvalidScheduleException e) {
                throw new InvalidScheduleException(entry.getKey(),
                        entry.getKey() + ": " + e.getMessage());
            }
        }
        parsed.forEach((job, schedule) -> settings.save(job.jobName(), schedule, changedBy));
        parsed.forEach(this::install);
        LOG.info(() -> "schedules " + parsed + " set by " + changedBy);
        return list();
    }

    /* No transaction, as for the UploadScheduler's tick: the batch runtime's repository writes must commit on their own. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void fire(Timer timer) {
        Optional<ScheduledJob> job = ScheduledJob.named(String.valueOf(timer.getInfo()));
        if (job.isEmpty() || !timer.equals(timers.get(job.get()))) {
            return;   // a timer replaced while this fire waited for the lock
        }
        Fires record = fires.get(job.get());
        record.count++;
        record.lastAt = Instant.now();
        try {
            long execution = start(job.get());
            record.lastOutcome = "started execution " + execution;
        } catch (AuditAlreadyRunningException | GcAlreadyRunningException | StatsAlreadyRunningException e) {
            record.skipped++;
            record.lastOutcome = "skipped: " + e.getMessage();
            LOG.info(() -> "scheduled " + job.get().jobName() + " run skipped: " + e.getMessage());
        } catch (RuntimeException e) {
            record.lastOutcome = "failed to start: " + e;
            LOG.log(Level.WARNING, "scheduled " + job.get().jobName() + " run could not start", e);
        }
    }

    private long start(ScheduledJob job) {
        return switch (job) {
            case STATS -> statsJobs.start();
            case GC -> gcJobs.start();
            case AUDIT -> auditJobs.start();
        };
    }

    private CronSchedule configured(ScheduledJob job) {
        try {
            return settings.find(job.jobName()).map(JobSchedule::getExpression).map(CronSchedule::parse)
                    .orElseGet(() -> CronSchedule.parse(CisternSettings.defaultSchedules() ? job.defaultSchedule()
                            : CronSchedule.OFF));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the schedule of " + job.jobName() + "; using its default '"
                    + job.defaultSchedule() + "' until it is set again", e);
            return CronSchedule.parse(job.defaultSchedule());
        }
    }

    private void install(ScheduledJob job, CronSchedule schedule) {
        Timer old = timers.remove(job);
        if (old != null) {
            try {
                old.cancel();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "the old timer of " + job.jobName() + " was gone already", e);
            }
        }
        schedules.put(job, schedule);
        schedule.toScheduleExpression().ifPresent(calendar -> timers.put(job,
                timerService.createCalendarTimer(calendar, new TimerConfig(job.jobName(), false))));
    }

    private ScheduleView view(ScheduledJob job) {
        Optional<JobSchedule> set = settings.find(job.jobName());
        Fires record = fires.get(job);
        return new ScheduleView(job.jobName(), schedules.get(job).expression(), job.defaultSchedule(),
                set.map(JobSchedule::getChangedAt).orElse(null), set.map(JobSchedule::getChangedBy).orElse(null),
                nextRun(job), record.lastAt, record.lastOutcome, record.count, record.skipped);
    }

    private Instant nextRun(ScheduledJob job) {
        Timer timer = timers.get(job);
        if (timer == null) {
            return null;
        }
        try {
            return timer.getNextTimeout().toInstant();
        } catch (EJBException | IllegalStateException e) {
            return null;   // a calendar that never comes again (30 February), or a timer just cancelled
        }
    }

    private static ScheduledJob known(String job) {
        return ScheduledJob.named(job).orElseThrow(() -> new UnknownJobException(job));
    }
}
