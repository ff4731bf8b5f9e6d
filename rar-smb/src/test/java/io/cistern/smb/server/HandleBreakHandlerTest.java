package io.cistern.smb.server;

import static io.cistern.smb.server.OplockTestClients.OPEN_IF;
import static io.cistern.smb.server.OplockTestClients.READ_WRITE;
import static io.cistern.smb.server.OplockTestClients.SHARE_ALL;
import static io.cistern.smb.server.OplockTestClients.created;
import static io.cistern.smb.server.OplockTestClients.pending;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.fscc.FileRenameInformation;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.server.OplockTestClients.Client;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateLease;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2LeaseBreakAcknowledgment;
import io.cistern.smb.wire.Smb2LeaseBreakNotification;
import io.cistern.smb.wire.Smb2SetInfoRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Breaks of handle caching before a rename or delete through another open ([MS-FSA] 2.1.4.12, [MS-SMB2] 3.3.5.21.1,
 * 3.3.5.9): between in-memory connections sharing one registry, a SET_INFO rename or delete-pending, and a CREATE that
 * deletes on close, break the other opens' leases from RH to R (or RWH to RW), answer STATUS_PENDING, and go on only
 * once the holder acknowledges, closes or lets the timer run out; a CANCEL ends the wait and nothing is renamed.
 */
class HandleBreakHandlerTest {
    private static final int R = OplockLevel.LEASE_READ;
    private static final int H = OplockLevel.LEASE_HANDLE;
    private static final int W = OplockLevel.LEASE_WRITE;
    private static final byte[] KEY_A = key(0xA1);
    private static final byte[] KEY_A2 = key(0xA2);
    private static final UUID GUID_A = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
    private static final UUID GUID_B = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000002");
    private static final int SMB_3_0 = 0x0300;
    private static final int READ_DELETE = AccessMask.GENERIC_READ | AccessMask.DELETE;

    private final OplockTestClients clients = new OplockTestClients();
    private SharedFileRegistry registry = new SharedFileRegistry(Duration.ofSeconds(30));

    @AfterEach
    void nothingLeftOver() {
        clients.finish();
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private Client client(UUID guid) throws Exception {
        return clients.client(registry, SMB_3_0, guid);
    }

    private static Smb2FileId leased(Client client, String name, byte[] key, int state) throws Exception {
        List<Smb2CreateContext> lease = List.of(new Smb2CreateContext(Smb2CreateLease.CONTEXT_NAME,
                new Smb2CreateLease(key, state, 0, null, 0).encode()));
        return created(client.create(OplockLevel.LEASE, name, READ_WRITE | AccessMask.DELETE, SHARE_ALL, OPEN_IF,
                lease)).fileId();
    }

    private static Smb2FileId opened(Client client, String name) throws Exception {
        return created(client.create(OplockLevel.NONE, name, READ_DELETE, SHARE_ALL, OPEN_IF, List.of())).fileId();
    }

    private static Response setInfo(Client client, Smb2FileId id, int infoClass, Consumer<ByteBuf> info)
            throws Exception {
        ByteBuf buffer = Unpooled.buffer();
        info.accept(buffer);
        return client.connection().request(Smb2Command.SET_INFO, client.session(), client.tree(),
                new Smb2SetInfoRequest(1, infoClass, 0, id, ByteBufUtil.getBytes(buffer))::encode);
    }

    private static Response rename(Client client, Smb2FileId id, String to, boolean replace) throws Exception {
        return setInfo(client, id, InformationClass.FILE_RENAME, new FileRenameInformation(replace, 0, to)::encode);
    }

    private static Smb2LeaseBreakNotification leaseBreak(Client holder) throws Exception {
        Response note = holder.connection().receive();
        assertEquals(Smb2Command.OPLOCK_BREAK, note.header().command());
        assertEquals(-1L, note.header().messageId());
        return Smb2LeaseBreakNotification.decode(note.body());
    }

    private static Response acknowledge(Client client, byte[] key, int state) throws Exception {
        return client.connection().request(Smb2Command.OPLOCK_BREAK, client.session(), client.tree(),
                new Smb2LeaseBreakAcknowledgment(key, state)::encode);
    }

    private boolean exists(String name) {
        return clients.files().find(7, List.of(name)) != null;
    }

    @Test
    void aRenameBreaksAnotherClientsHandleCachingAndWaitsForItsAcknowledgment() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        leased(a, "src", KEY_A, R | H);
        Smb2FileId renamer = opened(b, "src");

        long asyncId = pending(rename(b, renamer, "dst", false));
        Smb2LeaseBreakNotification note = leaseBreak(a);
        assertArrayEquals(KEY_A, note.leaseKey());
        assertEquals(R | H, note.currentLeaseState());
        assertEquals(R, note.newLeaseState(), "handle caching goes before the name changes");
        assertEquals(Smb2LeaseBreakNotification.ACK_REQUIRED, note.flags());
        assertNull(b.connection().channel.readOutbound(), "B's rename waits for A");
        assertTrue(exists("src") && !exists("dst"), "nothing renamed while A may still cache its handle");

        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A, R).status());
        Response done = b.connection().receive();
        assertEquals(NtStatus.STATUS_SUCCESS, done.status(), NtStatus.hex(done.status()));
        assertTrue(done.header().isAsync());
        assertEquals(asyncId, done.header().asyncId(), "the final response of the pending rename");
        assertTrue(exists("dst") && !exists("src"));
    }

    @Test
    void aRenameGoesOnWhenTheHolderClosesOrItsTimerRunsOut() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        Smb2FileId held = leased(a, "closing", KEY_A, R | H);
        Smb2FileId renamer = opened(b, "closing");
        pending(rename(b, renamer, "closed", false));
        leaseBreak(a);
        assertEquals(NtStatus.STATUS_SUCCESS, a.close(held).status());
        assertEquals(NtStatus.STATUS_SUCCESS, b.connection().receive().status());
        assertTrue(exists("closed"));

        registry = new SharedFileRegistry(Duration.ofMillis(30));
        Client c = client(GUID_A);
        Client d = client(GUID_B);
        leased(c, "slow", KEY_A, R | H);
        pending(rename(d, opened(d, "slow"), "late", false));
        assertEquals(R, leaseBreak(c).newLeaseState());
        Thread.sleep(60);
        c.connection().channel.runPendingTasks();      // the acknowledgment timer runs on the holder's event loop
        Response late = d.connection().receive();
        assertEquals(NtStatus.STATUS_SUCCESS, late.status(), "the unacknowledged break timed out");
        assertTrue(exists("late"));
    }

    @Test
    void theRenamersOwnLeaseAndReadCachingAreNotBroken() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        Smb2FileId mine = leased(a, "own", KEY_A, R | W | H);
        leased(a, "own", KEY_A, R | W | H);
        Response renamed = rename(a, mine, "own2", false);
        assertEquals(NtStatus.STATUS_SUCCESS, renamed.status(), "the open's own lease caches for the renamer");
        assertNull(a.connection().channel.readOutbound(), "no break");

        leased(a, "reading", KEY_A2, R);
        assertEquals(NtStatus.STATUS_SUCCESS, rename(b, opened(b, "reading"), "read", false).status(),
                "read caching alone is no handle caching: nothing to wait for");
        assertNull(a.connection().channel.readOutbound());
    }

    @Test
    void aRenameThatReplacesAFileBreaksTheTargetsHandleCachingAndIsRefusedWhileItStaysOpen() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        Smb2FileId target = leased(a, "target", KEY_A, R | W | H);
        Smb2FileId renamer = opened(b, "source");
        pending(rename(b, renamer, "target", true));
        Smb2LeaseBreakNotification note = leaseBreak(a);
        assertEquals(R | W, note.newLeaseState(), "only handle caching goes (Windows: RWH to RW)");
        assertNull(b.connection().channel.readOutbound());
        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A, R | W).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, b.connection().receive().status(),
                "MS-FSCC 2.4.42: the target file is still open");
        assertTrue(exists("source"), "nothing renamed");

        assertEquals(NtStatus.STATUS_ACCESS_DENIED, rename(b, renamer, "target", true).status(),
                "no handle caching left to break: refused at once");
        assertNull(a.connection().channel.readOutbound());

        pending(b.create(OplockLevel.NONE, "target", READ_DELETE, SHARE_ALL, OPEN_IF, List.of()));
        leaseBreak(a);                                 // B's second open breaks A's write caching: A closes instead
        assertEquals(NtStatus.STATUS_SUCCESS, a.close(target).status());
        Smb2FileId second = created(b.connection().receive()).fileId();
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, rename(b, renamer, "target", true).status(),
                "B's own other open of the target counts too");
        assertEquals(NtStatus.STATUS_SUCCESS, b.close(second).status());
        assertEquals(NtStatus.STATUS_SUCCESS, rename(b, renamer, "target", true).status(), "closed: replaced");
        assertTrue(exists("target") && !exists("source"));
    }

    @Test
    void aDirectoryRenameBreaksTheHandleCachingBeneathAndGoesOnOnlyOnceEveryOpenThereClosed() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        Smb2FileId dir = created(b.connection().request(Smb2Command.CREATE, b.session(), b.tree(),
                new Smb2CreateRequest(OplockLevel.NONE, 2, READ_DELETE, 0, SHARE_ALL, 2,
                        Smb2CreateRequest.FILE_DIRECTORY_FILE, "d", List.of())::encode)).fileId();
        Smb2FileId first = leased(a, "d\\f1", KEY_A, R | H);
        Smb2FileId second = leased(a, "d\\f2", KEY_A2, R | H);
        pending(rename(b, dir, "e", false));
        assertEquals(R, leaseBreak(a).newLeaseState());
        assertEquals(R, leaseBreak(a).newLeaseState(), "every file beneath loses its handle caching");
        assertEquals(NtStatus.STATUS_SUCCESS, a.close(first).status());
        assertNull(b.connection().channel.readOutbound(), "the second break is still out");
        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A2, R).status());
        assertEquals(NtStatus.STATUS_ACCESS_DENIED, b.connection().receive().status(),
                "a file beneath stayed open (smb2.lease.rename_dir_openfile)");

        assertEquals(NtStatus.STATUS_ACCESS_DENIED, rename(b, dir, "e", false).status(),
                "an open that caches no handle refuses the rename at once");
        assertNull(a.connection().channel.readOutbound(), "and nothing is broken");
        assertEquals(NtStatus.STATUS_SUCCESS, a.close(second).status());
        leased(a, "d\\f3", KEY_A, R | H);
        pending(rename(b, dir, "e", false));
        leaseBreak(a);
        a.connection().channel.close();                // the holder goes, and its opens with it
        assertEquals(NtStatus.STATUS_SUCCESS, b.connection().receive().status());
        assertNotNull(clients.files().find(7, List.of("e", "f3")));
    }

    @Test
    void aCancelledRenameAnswersCancelledAndRenamesNothing() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        leased(a, "stay", KEY_A, R | H);
        long asyncId = pending(rename(b, opened(b, "stay"), "moved", false));
        leaseBreak(a);
        b.cancel(asyncId);
        assertEquals(NtStatus.STATUS_CANCELLED, b.connection().receive().status());
        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A, R).status());
        assertNull(b.connection().channel.readOutbound(), "the cancelled rename never answers again");
        assertTrue(exists("stay") && !exists("moved"));
    }

    @Test
    void settingDeletePendingWaitsForTheOtherOpensHandleCaching() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        leased(a, "doomed", KEY_A, R | H);
        Smb2FileId deleter = opened(b, "doomed");
        pending(setInfo(b, deleter, InformationClass.FILE_DISPOSITION, out -> out.writeByte(1)));
        assertEquals(R, leaseBreak(a).newLeaseState());
        assertNull(b.connection().channel.readOutbound(), "the delete waits for A");
        long fileNumber = clients.files().find(7, List.of("doomed")).id;
        assertTrue(!registry.deletePending(fileNumber), "not delete-pending while A may cache its handle");
        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A, R).status());
        assertEquals(NtStatus.STATUS_SUCCESS, b.connection().receive().status());
        assertEquals(NtStatus.STATUS_DELETE_PENDING, b.create(OplockLevel.NONE, "doomed", READ_DELETE, SHARE_ALL,
                OPEN_IF, List.of()).status());

        leased(a, "kept", KEY_A2, R | H);
        assertEquals(NtStatus.STATUS_SUCCESS, setInfo(b, opened(b, "kept"), InformationClass.FILE_DISPOSITION,
                out -> out.writeByte(0)).status(), "clearing delete-pending breaks nothing");
        assertNull(a.connection().channel.readOutbound());
    }

    @Test
    void aCreateThatDeletesOnCloseBreaksHandleCachingAndWaits() throws Exception {
        Client a = client(GUID_A);
        Client b = client(GUID_B);
        leased(a, "unlinked", KEY_A, R | H);
        Response interim = b.connection().request(Smb2Command.CREATE, b.session(), b.tree(),
                new Smb2CreateRequest(OplockLevel.NONE, 2, AccessMask.DELETE, 0, SHARE_ALL, 1,
                        Smb2CreateRequest.FILE_DELETE_ON_CLOSE, "unlinked", List.of())::encode);
        pending(interim);
        Smb2LeaseBreakNotification note = leaseBreak(a);
        assertEquals(R | H, note.currentLeaseState());
        assertEquals(R, note.newLeaseState(), "smbtorture smb2.lease.unlink: RH to R");
        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A, R).status());
        Smb2FileId unlinking = created(b.connection().receive()).fileId();
        assertEquals(NtStatus.STATUS_SUCCESS, b.close(unlinking).status());
        assertNotNull(clients.files().find(7, List.of("unlinked")), "A's open keeps the file until it closes");

        Smb2FileId reader = created(a.create(OplockLevel.NONE, "plain", READ_WRITE, SHARE_ALL, OPEN_IF, List.of()))
                .fileId();
        leased(a, "plain", KEY_A2, R | H);
        assertEquals(NtStatus.STATUS_SUCCESS, b.create(OplockLevel.NONE, "plain", READ_DELETE, SHARE_ALL, OPEN_IF,
                List.of()).status(), "DELETE access without delete-on-close keeps H (smb2.lease.break)");
        assertNull(a.connection().channel.readOutbound());
        a.close(reader);
    }
}
