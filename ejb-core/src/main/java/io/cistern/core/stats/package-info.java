/**
 * Storage statistics per share and per store, recomputed from scratch by the statistics job (batch-jobs, job
 * {@code stats}) and stored with the time they were computed ({@code share_statistics}, {@code store_statistics}).
 * The API and the metrics read the stored figures ({@link io.cistern.core.stats.LastStatistics}), which cost nothing
 * to read and are as fresh as the job's last run; no counter is kept up to date on the write paths, so that NFS and
 * SMB calls pay no extra statement for them.
 */
package io.cistern.core.stats;
