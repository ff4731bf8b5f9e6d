package io.cistern.smb.spi;

/** Which kind of file a CREATE accepts (FILE_DIRECTORY_FILE, FILE_NON_DIRECTORY_FILE or neither). */
public enum SmbOpenTarget {
    /** a directory or a file, whichever the name is; a new one is a file */
    ANY,
    /** only a non-directory */
    FILE,
    /** only a directory; a new one is a directory */
    DIRECTORY
}
