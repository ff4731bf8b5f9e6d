package io.cistern.core.payload;

/**
 * The upload as the console shows it: what waits in the journal, and what has been stored.
 *
 * @param filesPending         files with writes not yet in the block store
 * @param blocksPending        blocks of theirs waiting to be sealed (settled or not)
 * @param journalUsedBytes     bytes in the journal's segment files
 * @param journalCapacityBytes when writers are told to try again later
 * @param blocksPut            blocks put into the store since start
 * @param bytesPut             their bytes
 * @param blocksDeduplicated   sealed blocks the store had already
 * @param bytesPerSecond       upload rate over the last ten seconds
 * @param lastUploadMillis     when a block was last sealed (epoch ms; 0: never since start)
 */
public record UploadStatus(int filesPending, int blocksPending, long journalUsedBytes, long journalCapacityBytes,
                           long blocksPut, long bytesPut, long blocksDeduplicated, long bytesPerSecond,
                           long lastUploadMillis) {
}
