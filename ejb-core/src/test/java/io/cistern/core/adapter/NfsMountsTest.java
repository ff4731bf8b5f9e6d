package io.cistern.core.adapter;

import static io.cistern.core.adapter.FakeMetadata.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NfsMountsTest {
    private final FakeMetadata metadata = new FakeMetadata();
    private final NfsMounts mounts = new NfsMounts(metadata, FakeMetadata.callers(metadata));

    @ParameterizedTest
    @CsvSource({"/data, data", "data, data", "/data/, data", "//data, data", "/my share, my share",
            "/data//sub/, data|sub", "data/sub/deeper, data|sub|deeper"})
    void aPathNamesAShareAndTheDirectoriesBelowIt(String path, String parts) {
        assertEquals(List.of(parts.split("\\|")), NfsMounts.pathParts(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "//"})
    void emptyPathsNameNothing(String path) {
        assertTrue(NfsMounts.pathParts(path).isEmpty());
    }

    @Test
    void aDirectoryBelowTheShareIsMountedAsItsOwnRoot() {
        var sub = metadata.mkdir(new io.cistern.core.fs.Caller(1000, 1000, Set.of()), metadata.root().handle(),
                "sub".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755).node();
        NfsMountReply reply = mount(ALICE, "/data/sub/");
        assertEquals(NfsStatus.OK, reply.status());
        assertEquals(sub.handle(), FakeMetadata.HANDLES.decode(reply.rootHandle()));
        assertEquals(NfsStatus.NOENT, mount(ALICE, "/data/sub/missing").status());
    }

    @Test
    void mountAnswersTheRootHandleAndAuthSysFirst() {
        NfsMountReply reply = mount(ALICE, "/data");
        assertEquals(NfsStatus.OK, reply.status());
        assertEquals(metadata.root().handle(), FakeMetadata.HANDLES.decode(reply.rootHandle()));
        assertEquals(List.of(1, 0), reply.authFlavors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nosuch", "/data/nosuch", "/"})
    void unknownPathsAreNoent(String path) {
        assertEquals(NfsStatus.NOENT, mount(ALICE, path).status());
    }

    @Test
    void aClientOutsideTheAllowedNetworksIsRefused() {
        metadata.refusedClients.add("192.0.2.7");
        NfsMountReply reply = mount(FakeMetadata.caller(1000, "192.0.2.7"), "/data");
        assertEquals(NfsStatus.ACCES, reply.status());
        assertNull(reply.rootHandle());
    }

    @ParameterizedTest
    @EnumSource(NfsStatus.class)
    void mountRepliesOnlyWithMountStatuses(NfsStatus status) {
        Set<NfsStatus> mountstat3 = EnumSet.of(NfsStatus.OK, NfsStatus.PERM, NfsStatus.NOENT, NfsStatus.IO,
                NfsStatus.ACCES, NfsStatus.NOTDIR, NfsStatus.INVAL, NfsStatus.NAMETOOLONG, NfsStatus.NOTSUPP,
                NfsStatus.SERVERFAULT);
        NfsStatus mapped = NfsMounts.mountStatus(status);
        assertTrue(mountstat3.contains(mapped), status + " -> " + mapped);
        if (mountstat3.contains(status)) {
            assertEquals(status, mapped);
        }
    }

    @Test
    void aShareThatVanishedIsNotFound() {
        assertEquals(NfsStatus.NOENT, NfsMounts.mountStatus(NfsStatus.STALE));
    }

    @Test
    void exportsListEveryShareWithItsNetworks() {
        assertEquals(List.of(new NfsExport("/data", List.of()),
                new NfsExport("/lab", List.of("10.0.0.0/8", "fd00::/8"))), mounts.exports());
    }

    private NfsMountReply mount(NfsCaller caller, String path) {
        return NfsAnswers.answer("MNT", () -> mounts.mount(caller, path), NfsMountReply::failure);
    }
}
