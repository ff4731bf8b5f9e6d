package io.cistern.core.fs;

/** What an inode is. The numeric codes are stored in the database and must never change. */
public enum FileType {
    REGULAR(1), DIRECTORY(2), SYMLINK(3), FIFO(4), SOCKET(5), CHAR_DEVICE(6), BLOCK_DEVICE(7);

    private final int code;

    FileType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static FileType ofCode(int code) {
        for (FileType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("no file type with code " + code);
    }
}
