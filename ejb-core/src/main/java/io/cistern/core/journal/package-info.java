/**
 * The payload journal: a crash-safe, append-only log of writes (and other payload events) on local disk,
 * under {@code data/journal/}. An append is acknowledged from the page cache (an NFS UNSTABLE write);
 * {@link io.cistern.core.journal.Journal#sync(long)} returns once the record is on disk (COMMIT,
 * FILE_SYNC, SMB FLUSH), sharing one {@code fdatasync} among all concurrent callers. On start the journal
 * is checked and replayed; when it is full, writers get a "try again later" signal, never an I/O error.
 * <p>
 * Files: {@link io.cistern.core.journal.Journal} (the API and the append path),
 * {@link io.cistern.core.journal.RecordFormat} (the bytes of a record),
 * {@link io.cistern.core.journal.JournalRecovery} (what {@code open} does with what it finds on disk),
 * {@link io.cistern.core.journal.GroupCommit} (the sync protocol).
 */
package io.cistern.core.journal;
