package io.cistern.core.activity;

import io.cistern.core.fs.FileHandle;
import java.net.InetSocketAddress;

/**
 * Where the adapters count each READ's and WRITE's bytes for the live view of transfers: a plain object, called on
 * every such request without going through the EJB container (see {@link TransferActivity#recorder}).
 */
@FunctionalInterface
public interface TransferRecorder {
    /** Counts {@code bytes} read or written by a client in a file whose size is now {@code fileSize}. */
    void record(String protocol, InetSocketAddress client, FileHandle file, String direction, long bytes,
                long fileSize);
}
