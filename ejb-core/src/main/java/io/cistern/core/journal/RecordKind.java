package io.cistern.core.journal;

/**
 * What a journal record says happened. The codes are written to disk: never renumber them, only add.
 */
public enum RecordKind {
    /** Bytes written to a file: {@code offset} is where in the file, the payload is the bytes. */
    WRITE(1),
    /** A file's size set: {@code offset} is the new size, the payload is empty. */
    TRUNCATE(2);

    private final int code;

    RecordKind(int code) {
        this.code = code;
    }

    /** The code stored in a record's header. */
    public int code() {
        return code;
    }

    /** The kind stored as {@code code}, or null when this version does not know it. */
    static RecordKind ofCode(int code) {
        for (RecordKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
