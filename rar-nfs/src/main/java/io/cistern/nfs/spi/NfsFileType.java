package io.cistern.nfs.spi;

/** ftype3 (RFC 1813 section 2.5): what an object is. */
public enum NfsFileType {
    REG(1), DIR(2), BLK(3), CHR(4), LNK(5), SOCK(6), FIFO(7);

    private final int code;

    NfsFileType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, or null when there is none. */
    public static NfsFileType ofCode(int code) {
        for (NfsFileType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
