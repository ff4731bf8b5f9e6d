package io.cistern.nfs.spi;

/**
 * FSINFO3res (RFC 1813 section 3.3.19): the server's transfer sizes and the file system's properties. The adapter
 * fills in the sizes it can carry; the application says what the file system is.
 *
 * @param maxFileSize     the largest file size
 * @param timeDeltaNanos  the server's time granularity
 * @param properties      FSF3_LINK | FSF3_SYMLINK | FSF3_HOMOGENEOUS | FSF3_CANSETTIME bits
 */
public record NfsFsInfoReply(NfsStatus status, NfsAttributes attributes, long maxFileSize, long timeDeltaNanos,
                             int properties) implements NfsReply {
    public static final int FSF3_LINK = 0x0001;
    public static final int FSF3_SYMLINK = 0x0002;
    public static final int FSF3_HOMOGENEOUS = 0x0008;
    public static final int FSF3_CANSETTIME = 0x0010;

    public static NfsFsInfoReply failure(NfsStatus status) {
        return new NfsFsInfoReply(status, null, 0, 0, 0);
    }
}
