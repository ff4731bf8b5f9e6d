package io.cistern.core.metrics;

/**
 * The file data counters of one protocol ({@code cistern_read_bytes_total} and {@code cistern_written_bytes_total}),
 * resolved once and then counted into on every READ and WRITE without going through the EJB container.
 */
public interface TransferBytes {
    /** Counts nothing, for code run outside the container (unit tests). */
    TransferBytes NONE = new TransferBytes() {
        @Override
        public void read(long bytes) {
        }

        @Override
        public void written(long bytes) {
        }
    };

    /** Adds {@code bytes} of file data served; nothing when it is not positive. */
    void read(long bytes);

    /** Adds {@code bytes} of file data accepted; nothing when it is not positive. */
    void written(long bytes);
}
