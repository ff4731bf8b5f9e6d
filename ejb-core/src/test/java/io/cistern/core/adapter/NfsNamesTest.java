package io.cistern.core.adapter;

import static io.cistern.core.adapter.FakeMetadata.ALICE;
import static io.cistern.core.adapter.FakeMetadata.HANDLES;
import static io.cistern.core.adapter.FakeMetadata.handle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NfsNamesTest {
    private static final NfsCaller BOB = FakeMetadata.caller(2000, "127.0.0.1");

    private FakeMetadata metadata;
    private NfsNames names;
    private Attributes dir;
    private Attributes sub;
    private Attributes file;

    @BeforeEach
    void tree() {
        metadata = new FakeMetadata();
        names = new NfsNames(metadata, FakeMetadata.callers(metadata));
        dir = metadata.add(metadata.root(), "dir", FileType.DIRECTORY, 0755, 1000);
        sub = metadata.add(dir, "sub", FileType.DIRECTORY, 0700, 1000);
        file = metadata.add(dir, "file", FileType.REGULAR, 0644, 1000);
    }

    @Test
    void aNameIsFoundWithTheDirectorysAttributes() {
        NfsLookupReply reply = lookup(ALICE, dir, "file");
        assertEquals(NfsStatus.OK, reply.status());
        assertEquals(file.handle(), HANDLES.decode(reply.handle()));
        assertEquals(file.inodeId(), reply.object().fileId());
        assertEquals(dir.inodeId(), reply.directory().fileId());
    }

    @Test
    void dotIsTheDirectoryItself() {
        NfsLookupReply reply = lookup(ALICE, dir, ".");
        assertEquals(NfsStatus.OK, reply.status());
        assertEquals(dir.handle(), HANDLES.decode(reply.handle()));
    }

    @Test
    void dotDotIsTheParent() {
        assertEquals(dir.handle(), HANDLES.decode(lookup(ALICE, sub, "..").handle()));
        assertEquals(metadata.root().handle(), HANDLES.decode(lookup(ALICE, dir, "..").handle()));
    }

    @Test
    void dotDotOfAShareIsItsTop() {
        assertEquals(metadata.root().handle(), HANDLES.decode(lookup(ALICE, metadata.root(), "..").handle()));
    }

    @Test
    void dotAndDotDotNeedSearchPermission() {
        NfsLookupReply dot = lookup(BOB, sub, ".");
        assertEquals(NfsStatus.ACCES, dot.status());
        assertEquals(sub.inodeId(), dot.directory().fileId());
        assertEquals(NfsStatus.ACCES, lookup(BOB, sub, "..").status());
    }

    @Test
    void dotInAFileIsNotADirectory() {
        assertEquals(NfsStatus.NOTDIR, lookup(ALICE, file, ".").status());
    }

    @Test
    void aMissingNameIsNoentWithTheDirectorysAttributes() {
        NfsLookupReply reply = lookup(ALICE, dir, "nothing");
        assertEquals(NfsStatus.NOENT, reply.status());
        assertNull(reply.handle());
        assertEquals(dir.inodeId(), reply.directory().fileId());
    }

    @Test
    void aRefusedClientLearnsNothing() {
        metadata.refusedClients.add("192.0.2.9");
        NfsLookupReply reply = NfsAnswers.answer("LOOKUP",
                () -> names.lookup(FakeMetadata.caller(1000, "192.0.2.9"), handle(dir), "file".getBytes()),
                NfsLookupReply::failure);
        assertEquals(NfsStatus.ACCES, reply.status());
        assertNull(reply.directory());
    }

    @Test
    void aForgedHandleIsBadHandle() {
        byte[] forged = handle(dir);
        forged[forged.length - 1] ^= 1;
        NfsLookupReply reply = NfsAnswers.answer("LOOKUP", () -> names.lookup(ALICE, forged, "file".getBytes()),
                NfsLookupReply::failure);
        assertEquals(NfsStatus.BADHANDLE, reply.status());
    }

    private NfsLookupReply lookup(NfsCaller caller, Attributes directory, String name) {
        return names.lookup(caller, handle(directory), name.getBytes());
    }
}
