package io.cistern.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells "the disk is full" apart from other I/O errors; Java reports ENOSPC only as a message. */
final class DiskSpace {
    private DiskSpace() {
    }

    /**
     * Whether {@code failure}, raised while writing {@code neededBytes} into {@code directory}, means the
     * file system had no room. The message is only reliable in an English locale (it is strerror's
     * text), so the free space is asked as well.
     */
    static boolean exhausted(IOException failure, Path directory, long neededBytes) {
        String message = failure.getMessage();
        if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
            return true;
        }
        try {
            return Files.getFileStore(directory).getUsableSpace() < Math.max(neededBytes, 1);
        } catch (IOException probe) {
            failure.addSuppressed(probe);
            return false;
        }
    }
}
