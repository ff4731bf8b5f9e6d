/**
 * The server side of the Network Status Monitor's memory (X/Open XNFS chapter 11), what Linux statd keeps in
 * /var/lib/nfs: this server's state number, raised at every start, and the client hosts that took locks, so that
 * after a restart each of them can be told that its locks are gone and must be reclaimed. Lock state itself lives in
 * memory only ({@link io.cistern.core.locks}); this is the little that must outlive it.
 * <p>
 * {@link io.cistern.core.nsm.HostMonitor} is the API; {@code HostRecords} the rows. The protocol (SM_NOTIFY on the
 * wire, retries) is the NFS adapter's.
 */
package io.cistern.core.nsm;
