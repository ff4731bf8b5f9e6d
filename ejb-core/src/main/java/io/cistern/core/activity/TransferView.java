package io.cistern.core.activity;

import java.time.Instant;

/**
 * One file transfer in flight, as the live view shows it.
 *
 * @param protocol           nfs or smb
 * @param client             the client's address
 * @param share              the share's name
 * @param path               the file's path in the share ({@code /dir/name}), or {@code #inode} when it has no name
 * @param direction          read or write
 * @param bytesDone          bytes read or written so far in this transfer
 * @param bytesPerSecond     over the last second or so
 * @param fileSize           the file's size at the last request
 * @param secondsLeft        for a read, at the current rate, to the end of the file; -1 when unknown (writes, no rate)
 * @param startedAt          the transfer's first request
 * @param lastAt             its latest request
 */
public record TransferView(String protocol, String client, String share, String path, String direction,
                           long bytesDone, long bytesPerSecond, long fileSize, long secondsLeft, Instant startedAt,
                           Instant lastAt) {
}
