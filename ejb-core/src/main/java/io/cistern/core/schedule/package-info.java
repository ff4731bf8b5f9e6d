/**
 * When the maintenance jobs run: the cron-like schedule syntax ({@link io.cistern.core.schedule.CronSchedule}) and the
 * schedules administrators set, kept in the database. The timers themselves are batch-jobs' (JobScheduler).
 */
package io.cistern.core.schedule;
