package io.cistern.smb.spi;

/**
 * What a CREATE asks of the file system, once the adapter has decoded and checked it.
 *
 * @param disposition what to do when the name exists or does not
 * @param target      which kind of file the client accepts
 * @param write       whether the open may write contents or metadata (any of FILE_WRITE_DATA, FILE_APPEND_DATA,
 *                    FILE_WRITE_ATTRIBUTES, FILE_WRITE_EA, WRITE_DAC, WRITE_OWNER, GENERIC_WRITE, GENERIC_ALL,
 *                    MAXIMUM_ALLOWED on a writable share): checked against the mode bits like an open(2) for writing
 * @param read        whether the open may read contents (FILE_READ_DATA, FILE_EXECUTE, GENERIC_READ, GENERIC_ALL)
 * @param delete      whether the open may delete or rename it (DELETE, or FILE_DELETE_ON_CLOSE): checked as write
 *                    permission on the parent directory
 * @param readOnly    FILE_ATTRIBUTE_READONLY in the attributes of a new file: it is made without write bits
 */
public record SmbOpenRequest(SmbDisposition disposition, SmbOpenTarget target, boolean write, boolean read,
                             boolean delete, boolean readOnly) {
    public SmbOpenRequest {
        if (disposition == null || target == null) {
            throw new IllegalArgumentException("an open has a disposition and a target");
        }
    }
}
