package io.cistern.core.journal;

import java.io.IOException;

/**
 * The disk under the journal is full (ENOSPC or a quota). The record was not logged and whatever part
 * of it reached the file was cut off again, so the journal stays usable: the same append works once
 * space returns. NFS answers NFS3ERR_NOSPC, SMB STATUS_DISK_FULL.
 */
public class JournalNoSpaceException extends IOException {
    JournalNoSpaceException(String message, IOException cause) {
        super(message, cause);
    }
}
