package io.cistern.core.adapter;

import static io.cistern.core.adapter.FakeMetadata.ALICE;
import static io.cistern.core.adapter.FakeMetadata.handle;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsCaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NfsAttributeOperationsTest {
    private static final NfsCaller BOB = FakeMetadata.caller(2000, "127.0.0.1");

    private FakeMetadata metadata;
    private NfsAttributeOperations operations;

    @BeforeEach
    void setUp() {
        metadata = new FakeMetadata();
        operations = new NfsAttributeOperations(metadata, FakeMetadata.callers(metadata));
    }

    @Test
    void accessOfADirectoryUsesTheDirectoryMeanings() {
        Attributes dir = metadata.add(metadata.root(), "d", FileType.DIRECTORY, 0755, 1000);
        NfsAccessReply owner = operations.access(ALICE, handle(dir), NfsAccessBits.ALL);
        assertEquals(NfsAccessBits.ALL & ~NfsAccessBits.EXECUTE, owner.access());
        assertEquals(NfsAccessBits.READ | NfsAccessBits.LOOKUP,
                operations.access(BOB, handle(dir), NfsAccessBits.ALL).access());
        assertEquals(dir.inodeId(), owner.attributes().fileId());
    }

    @Test
    void accessOfAFileUsesTheFileMeanings() {
        Attributes file = metadata.add(metadata.root(), "f", FileType.REGULAR, 0754, 1000);
        assertEquals(NfsAccessBits.READ | NfsAccessBits.MODIFY | NfsAccessBits.EXTEND | NfsAccessBits.EXECUTE,
                operations.access(ALICE, handle(file), NfsAccessBits.ALL).access());
        assertEquals(NfsAccessBits.READ, operations.access(BOB, handle(file), NfsAccessBits.ALL).access());
    }

    @Test
    void onlyTheAskedBitsAreAnswered() {
        Attributes file = metadata.add(metadata.root(), "f", FileType.REGULAR, 0777, 1000);
        assertEquals(NfsAccessBits.READ, operations.access(ALICE, handle(file), NfsAccessBits.READ).access());
        assertEquals(0, operations.access(ALICE, handle(file), NfsAccessBits.LOOKUP).access());
    }
}
