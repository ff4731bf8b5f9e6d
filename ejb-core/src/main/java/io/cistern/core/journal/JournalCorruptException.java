package io.cistern.core.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal record that was on disk is damaged, or records are missing: not the torn tail a crash leaves
 * (that is cut off silently at open), but data the journal had promised to keep. The journal does not
 * open; an operator must look at {@link #file()} at {@link #position()}.
 */
public class JournalCorruptException extends IOException {
    private final transient Path file;
    private final long position;

    JournalCorruptException(Path file, long position, String problem) {
        super("journal corrupt: " + file + " at byte " + position + ": " + problem);
        this.file = file;
        this.position = position;
    }

    public Path file() {
        return file;
    }

    /** The byte offset in {@link #file()} where the bad record starts. */
    public long position() {
        return position;
    }
}
