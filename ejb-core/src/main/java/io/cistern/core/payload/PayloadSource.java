package io.cistern.core.payload;

import io.cistern.core.journal.Journal;
import io.cistern.core.journal.JournalRecord;
import io.cistern.core.journal.RecordKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Where the bytes of a journal WRITE are read back from, by sequence. The journal is the source of truth; a
 * {@link RecentWrites} copy in front of it only saves the read.
 */
@FunctionalInterface
public interface PayloadSource {
    /** The payload of WRITE record {@code sequence}, positioned at its start; empty if it is no longer held. */
    Optional<ByteBuffer> payload(long sequence) throws IOException;

    /** Reads from {@code recent} when it has the record (it may be null), else from {@code journal}. */
    static PayloadSource of(Journal journal, RecentWrites recent) {
        return sequence -> {
            if (recent != null) {
                Optional<ByteBuffer> cached = recent.get(sequence);
                if (cached.isPresent()) {
                    return cached;
                }
            }
            return journal.read(sequence).filter(r -> r.kind() == RecordKind.WRITE).map(JournalRecord::payload);
        };
    }
}
