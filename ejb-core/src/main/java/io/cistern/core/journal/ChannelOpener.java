package io.cistern.core.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the journal opens its segment files; tests substitute one that fails or counts. */
@FunctionalInterface
interface ChannelOpener {
    /** Real files, read and write. */
    ChannelOpener FILES = (path, createNew) -> createNew
            ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
            : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);

    /** Opens {@code path} for reading and writing; with {@code createNew}, creates it and fails if it exists. */
    FileChannel open(Path path, boolean createNew) throws IOException;
}
