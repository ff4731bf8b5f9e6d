package io.cistern.smb.spi;

import java.util.List;

/**
 * Where the application tells the adapter about changes under a directory it watches ({@link SmbListener#watch}).
 * Called on the thread whose transaction made the changes, right after it committed, with all of that transaction's
 * changes under the directory in the order they were made; it must return at once (the adapter only queues them).
 */
public interface SmbChangeSink {
    void changed(List<SmbChange> changes);
}
