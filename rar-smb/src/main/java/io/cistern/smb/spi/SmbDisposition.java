package io.cistern.smb.spi;

/**
 * What a CREATE does when the name exists or does not ([MS-SMB2] 2.2.13 CreateDisposition); declared in wire order,
 * so that {@code values()[wire]} decodes a valid value.
 */
public enum SmbDisposition {
    /** replace it if it exists, create it if not */
    SUPERSEDE,
    /** open it; fail if it does not exist */
    OPEN,
    /** create it; fail if it exists */
    CREATE,
    /** open it, or create it */
    OPEN_IF,
    /** open it and truncate it; fail if it does not exist */
    OVERWRITE,
    /** open it and truncate it, or create it */
    OVERWRITE_IF;

    /** Whether this disposition may make a new file. */
    public boolean creates() {
        return this == SUPERSEDE || this == CREATE || this == OPEN_IF || this == OVERWRITE_IF;
    }

    /** Whether an existing file is emptied. */
    public boolean truncates() {
        return this == SUPERSEDE || this == OVERWRITE || this == OVERWRITE_IF;
    }
}
