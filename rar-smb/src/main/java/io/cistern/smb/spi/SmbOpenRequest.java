package io.cistern.smb.spi;

/**
 * What a CREATE asks of the file system, once the adapter has decoded and checked it.
 *
 * @param disposition what to do when the name exists or does not
 * @param target      which kind of file the client accepts
 * @param write       whether the open may write contents (FILE_WRITE_DATA or FILE_APPEND_DATA, which GENERIC_WRITE,
 *                    GENERIC_ALL and MAXIMUM_ALLOWED on a writable share include): checked against the mode bits like
 *                    an open(2) for writing; rights to change attributes, EAs or the owner are not, since each
 *                    change is checked when it is made
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
