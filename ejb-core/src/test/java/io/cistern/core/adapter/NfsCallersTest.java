package io.cistern.core.adapter;

import static io.cistern.core.adapter.FakeMetadata.ALICE;
import static io.cistern.core.adapter.FakeMetadata.handle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.nfs.spi.NfsCaller;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NfsCallersTest {
    private final FakeMetadata metadata = new FakeMetadata();
    private final NfsCallers callers = FakeMetadata.callers(metadata);

    @Test
    void theIdentityComesFromTheHandlesShare() {
        NfsCaller claimed = new NfsCaller(new InetSocketAddress("127.0.0.1", 800), true, 1000, 100, List.of(7, 8), "h");
        NfsTarget target = callers.resolve(claimed, handle(metadata.root()));
        assertEquals(metadata.root().handle(), target.handle());
        assertEquals(new Caller(1000, 100, Set.of(7, 8)), target.caller());
    }

    @Test
    void handlesThatAreNotOursAreBadHandles() {
        assertEquals(FsError.BAD_HANDLE, error(() -> callers.resolve(ALICE, new byte[] {1, 2, 3})));
        assertEquals(FsError.BAD_HANDLE, error(() -> callers.resolve(ALICE, (byte[]) null)));
    }

    @Test
    void aClientWithoutAnAddressIsRefused() {
        NfsCaller unresolved = new NfsCaller(InetSocketAddress.createUnresolved("somewhere", 800), true, 1, 1,
                List.of(), "h");
        assertEquals(FsError.ACCESS, error(() -> callers.resolve(unresolved, handle(metadata.root()))));
    }

    @Test
    void aClientOutsideTheNetworksIsRefusedOnEveryCall() {
        metadata.refusedClients.add("192.0.2.1");
        assertEquals(FsError.ACCESS,
                error(() -> callers.resolve(FakeMetadata.caller(1000, "192.0.2.1"), handle(metadata.root()))));
    }

    private static FsError error(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(FsException.class, call).error();
    }
}
