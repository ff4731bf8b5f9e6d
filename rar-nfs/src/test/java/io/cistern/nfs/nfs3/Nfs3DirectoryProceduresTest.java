package io.cistern.nfs.nfs3;

import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.DIRECTORY_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.EVERY_CHANGE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE;
import static io.cistern.nfs.nfs3.Nfs3Samples.FILE_ATTRIBUTES;
import static io.cistern.nfs.nfs3.Nfs3Samples.MODE_ONLY;
import static io.cistern.nfs.nfs3.Nfs3Samples.OTHER_DIRECTORY;
import static io.cistern.nfs.nfs3.Nfs3Samples.name;
import static io.cistern.nfs.nfs3.Nfs3Samples.wcc;
import static io.cistern.nfs.nfs3.ValueAssertions.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nfs3.wire.Create3Args;
import io.cistern.nfs.nfs3.wire.Create3Res;
import io.cistern.nfs.nfs3.wire.DirOpArgs3;
import io.cistern.nfs.nfs3.wire.Link3Args;
import io.cistern.nfs.nfs3.wire.Link3Res;
import io.cistern.nfs.nfs3.wire.Lookup3Res;
import io.cistern.nfs.nfs3.wire.Mkdir3Args;
import io.cistern.nfs.nfs3.wire.Mknod3Args;
import io.cistern.nfs.nfs3.wire.Rename3Args;
import io.cistern.nfs.nfs3.wire.Rename3Res;
import io.cistern.nfs.nfs3.wire.Symlink3Args;
import io.cistern.nfs.nfs3.wire.Wcc3Res;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsLinkReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsRenameReply;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWcc;
import io.cistern.nfs.spi.NfsWccReply;
import io.cistern.nfs.xdr.XdrException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NFSv3 procedures that look up, make and remove names, through the RPC layer as a client sends them: the
 * application gets the decoded arguments and the client decodes the application's reply, failure arms included.
 */
class Nfs3DirectoryProceduresTest {
    private static final DirOpArgs3 WHERE = new DirOpArgs3(DIRECTORY, name("entry"));
    private static final NfsCreateReply CREATED = new NfsCreateReply(NfsStatus.OK, FILE, FILE_ATTRIBUTES,
            wcc(DIRECTORY_ATTRIBUTES));

    private final RecordingNfsListener listener = new RecordingNfsListener();
    private final Nfs3Connection nfs = new Nfs3Connection(listener);

    @AfterEach
    void connectionSurvives() {
        nfs.close();
    }

    @Test
    void lookupReturnsTheHandleAndBothAttributes() throws XdrException {
        NfsLookupReply reply = new NfsLookupReply(NfsStatus.OK, FILE, FILE_ATTRIBUTES, DIRECTORY_ATTRIBUTES);
        listener.replyWith(reply);
        NfsLookupReply got = nfs.call(Nfs3Program.PROC_LOOKUP, WHERE::encode, Lookup3Res::decode);
        listener.assertOnlyCall("lookup", DIRECTORY, name("entry"));
        assertSameValue(reply, got);
    }

    @Test
    void failedLookupStillCarriesTheDirectoryAttributes() throws XdrException {
        NfsLookupReply reply = new NfsLookupReply(NfsStatus.NOENT, null, null, DIRECTORY_ATTRIBUTES);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_LOOKUP, WHERE::encode, Lookup3Res::decode));
    }

    @Test
    void aNameOf4096BytesReachesTheApplicationAndOneMoreIsGarbage() throws XdrException {
        listener.replyWith(NfsLookupReply.failure(NfsStatus.NAMETOOLONG));
        NfsLookupReply got = nfs.call(Nfs3Program.PROC_LOOKUP, new DirOpArgs3(DIRECTORY, new byte[4096])::encode,
                Lookup3Res::decode);
        assertEquals(NfsStatus.NAMETOOLONG, got.status());
        assertEquals(AcceptStat.GARBAGE_ARGS, nfs.callWithoutResults(Nfs3Program.PROC_LOOKUP,
                new DirOpArgs3(DIRECTORY, new byte[4097])::encode));
        assertEquals(1, listener.calls().size(), "only the first lookup reached the application");
    }

    @ParameterizedTest
    @ValueSource(ints = {Create3Args.UNCHECKED, Create3Args.GUARDED})
    void createWithAttributesPassesThemAndNoVerifier(int mode) throws XdrException {
        listener.replyWith(CREATED);
        NfsCreateReply got = nfs.call(Nfs3Program.PROC_CREATE, new Create3Args(WHERE, mode, EVERY_CHANGE, 0)::encode,
                Create3Res::decode);
        listener.assertOnlyCall("create", DIRECTORY, name("entry"), mode, EVERY_CHANGE, 0L);
        assertSameValue(CREATED, got);
    }

    @Test
    void exclusiveCreatePassesTheVerifierAndNoAttributes() throws XdrException {
        listener.replyWith(CREATED);
        long verifier = 0xCAFE_BABE_DEAD_BEEFL;
        nfs.call(Nfs3Program.PROC_CREATE, new Create3Args(WHERE, Create3Args.EXCLUSIVE, NfsSetAttributes.NONE,
                verifier)::encode, Create3Res::decode);
        listener.assertOnlyCall("create", DIRECTORY, name("entry"), Create3Args.EXCLUSIVE, NfsSetAttributes.NONE,
                verifier);
    }

    @Test
    void failedCreateCarriesTheDirectoryWcc() throws XdrException {
        NfsCreateReply reply = new NfsCreateReply(NfsStatus.EXIST, null, null, wcc(DIRECTORY_ATTRIBUTES));
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_CREATE,
                new Create3Args(WHERE, Create3Args.GUARDED, MODE_ONLY, 0)::encode, Create3Res::decode));
    }

    @Test
    void mkdirPassesTheAttributes() throws XdrException {
        NfsCreateReply reply = new NfsCreateReply(NfsStatus.OK, OTHER_DIRECTORY, DIRECTORY_ATTRIBUTES,
                wcc(DIRECTORY_ATTRIBUTES));
        listener.replyWith(reply);
        NfsCreateReply got = nfs.call(Nfs3Program.PROC_MKDIR, new Mkdir3Args(WHERE, MODE_ONLY)::encode,
                Create3Res::decode);
        listener.assertOnlyCall("mkdir", DIRECTORY, name("entry"), MODE_ONLY);
        assertSameValue(reply, got);
    }

    @Test
    void symlinkPassesTheTarget() throws XdrException {
        listener.replyWith(CREATED);
        NfsCreateReply got = nfs.call(Nfs3Program.PROC_SYMLINK,
                new Symlink3Args(WHERE, MODE_ONLY, name("../over/there"))::encode, Create3Res::decode);
        listener.assertOnlyCall("symlink", DIRECTORY, name("entry"), MODE_ONLY, name("../over/there"));
        assertSameValue(CREATED, got);
    }

    @Test
    void mknodOfADevicePassesMajorAndMinorAsOneRdev() throws XdrException {
        listener.replyWith(CREATED);
        long rdev = 259L << 32 | 7;
        NfsCreateReply got = nfs.call(Nfs3Program.PROC_MKNOD,
                new Mknod3Args(WHERE, NfsFileType.BLK, MODE_ONLY, rdev)::encode, Create3Res::decode);
        listener.assertOnlyCall("mknod", DIRECTORY, name("entry"), NfsFileType.BLK, MODE_ONLY, rdev);
        assertSameValue(CREATED, got);
    }

    @Test
    void mknodOfAFifoPassesItsAttributes() throws XdrException {
        listener.replyWith(CREATED);
        nfs.call(Nfs3Program.PROC_MKNOD, new Mknod3Args(WHERE, NfsFileType.FIFO, EVERY_CHANGE, 0)::encode,
                Create3Res::decode);
        listener.assertOnlyCall("mknod", DIRECTORY, name("entry"), NfsFileType.FIFO, EVERY_CHANGE, 0L);
    }

    @ParameterizedTest
    @EnumSource(value = NfsFileType.class, names = {"REG", "DIR", "LNK"})
    void mknodOfWhatHasItsOwnProcedureIsBadTypeWithoutTheApplication(NfsFileType type) throws XdrException {
        NfsCreateReply got = nfs.call(Nfs3Program.PROC_MKNOD,
                new Mknod3Args(WHERE, type, NfsSetAttributes.NONE, 0)::encode, Create3Res::decode);
        assertSameValue(NfsCreateReply.failure(NfsStatus.BADTYPE), got);
        assertTrue(listener.calls().isEmpty(), "the application is not asked");
    }

    @Test
    void removeAndRmdirReachTheirOwnMethods() throws XdrException {
        NfsWccReply removed = new NfsWccReply(NfsStatus.OK, wcc(DIRECTORY_ATTRIBUTES));
        listener.replyWith(removed);
        assertSameValue(removed, nfs.call(Nfs3Program.PROC_REMOVE, WHERE::encode, Wcc3Res::decode));
        listener.assertOnlyCall("remove", DIRECTORY, name("entry"));

        listener.calls().clear();
        NfsWccReply notEmpty = new NfsWccReply(NfsStatus.NOTEMPTY, new NfsWcc(null, DIRECTORY_ATTRIBUTES));
        listener.replyWith(notEmpty);
        assertSameValue(notEmpty, nfs.call(Nfs3Program.PROC_RMDIR, WHERE::encode, Wcc3Res::decode));
        listener.assertOnlyCall("rmdir", DIRECTORY, name("entry"));
    }

    @Test
    void renamePassesBothNamesAndReturnsBothDirectoriesWcc() throws XdrException {
        NfsRenameReply reply = new NfsRenameReply(NfsStatus.OK, wcc(DIRECTORY_ATTRIBUTES), wcc(FILE_ATTRIBUTES));
        listener.replyWith(reply);
        NfsRenameReply got = nfs.call(Nfs3Program.PROC_RENAME,
                new Rename3Args(WHERE, new DirOpArgs3(OTHER_DIRECTORY, name("moved")))::encode, Rename3Res::decode);
        listener.assertOnlyCall("rename", DIRECTORY, name("entry"), OTHER_DIRECTORY, name("moved"));
        assertSameValue(reply, got);
    }

    @Test
    void failedRenameCarriesBothDirectoriesWcc() throws XdrException {
        NfsRenameReply reply = new NfsRenameReply(NfsStatus.XDEV, wcc(DIRECTORY_ATTRIBUTES), NfsWcc.NONE);
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_RENAME,
                new Rename3Args(WHERE, new DirOpArgs3(OTHER_DIRECTORY, name("x")))::encode, Rename3Res::decode));
    }

    @Test
    void linkPassesTheFileAndTheNewName() throws XdrException {
        NfsLinkReply reply = new NfsLinkReply(NfsStatus.OK, FILE_ATTRIBUTES, wcc(DIRECTORY_ATTRIBUTES));
        listener.replyWith(reply);
        NfsLinkReply got = nfs.call(Nfs3Program.PROC_LINK, new Link3Args(FILE, WHERE)::encode, Link3Res::decode);
        listener.assertOnlyCall("link", FILE, DIRECTORY, name("entry"));
        assertSameValue(reply, got);
    }

    @Test
    void failedLinkCarriesTheFileAttributesAndTheDirectoryWcc() throws XdrException {
        NfsLinkReply reply = new NfsLinkReply(NfsStatus.MLINK, FILE_ATTRIBUTES, wcc(DIRECTORY_ATTRIBUTES));
        listener.replyWith(reply);
        assertSameValue(reply, nfs.call(Nfs3Program.PROC_LINK, new Link3Args(FILE, WHERE)::encode, Link3Res::decode));
    }
}
