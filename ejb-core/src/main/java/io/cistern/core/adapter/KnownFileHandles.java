package io.cistern.core.adapter;

import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileHandles;
import java.util.function.Supplier;

/**
 * The installation's handle codec, asked for until it answers (the secret is only known once the server identity
 * has started) and then kept: asking is a call into a singleton EJB, and a listing encodes a handle per entry.
 */
final class KnownFileHandles {
    private final Supplier<FileHandles> source;
    private volatile FileHandles known;

    KnownFileHandles(Supplier<FileHandles> source) {
        this.source = source;
    }

    FileHandle decode(byte[] handle) {
        return codec().decode(handle);
    }

    byte[] encode(FileHandle handle) {
        return codec().encode(handle);
    }

    private FileHandles codec() {
        FileHandles current = known;
        if (current == null) {
            current = source.get();
            known = current;
        }
        return current;
    }
}
