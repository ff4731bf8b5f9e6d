package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.cistern.smb.server.OplockTestClients.OPEN_IF;
import static io.cistern.smb.server.OplockTestClients.READ_WRITE;
import static io.cistern.smb.server.OplockTestClients.SHARE_ALL;
import static io.cistern.smb.server.OplockTestClients.created;
import static io.cistern.smb.server.OplockTestClients.notification;
import static io.cistern.smb.server.OplockTestClients.pending;

import io.cistern.smb.server.OplockTestClients.Client;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2OplockBreak;
import io.cistern.smb.wire.Smb2WriteRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Oplocks ([MS-SMB2] 3.3.5.9, 3.3.4.6, 3.3.5.22.1) between two in-memory connections that share one registry: what
 * is granted, the break notification a second open causes, the CREATE held (STATUS_PENDING) until the holder
 * acknowledges, closes, disconnects or lets the timer run out, and the acknowledgments the spec refuses.
 */
class OplockBreakHandlerTest {

    private final OplockTestClients clients = new OplockTestClients();
    private final SharedFileRegistry openFiles = new SharedFileRegistry(Duration.ofSeconds(30));

    @AfterEach
    void nothingLeftOver() {
        clients.finish();
    }

    Client client() throws Exception {
        return clients.client(openFiles, 0x0202, SmbRequests.CLIENT_GUID);
    }

    @Test
    void aBatchOplockBreaksToLevelTwoAndTheSecondCreateWaitsForTheAcknowledgment() throws Exception {
        Client a = client();
        Client b = client();
        Smb2CreateResponse first = created(a.create(OplockLevel.BATCH, "shared.txt"));
        assertEquals(OplockLevel.BATCH, first.oplockLevel(), "alone on the file: what was asked");

        pending(b.create(OplockLevel.BATCH, "shared.txt"));
        Smb2OplockBreak note = notification(a);
        assertEquals(OplockLevel.II, note.oplockLevel());
        assertEquals(first.fileId(), note.fileId());
        assertNull(b.connection().channel.readOutbound(), "B waits for A's acknowledgment");

        Response acked = a.acknowledge(OplockLevel.II, first.fileId());
        assertEquals(NtStatus.STATUS_SUCCESS, acked.status());
        assertEquals(new Smb2OplockBreak(OplockLevel.II, first.fileId()), Smb2OplockBreak.decode(acked.body()));
        Response last = b.connection().receive();
        assertTrue(last.header().isAsync(), "the final response of the async CREATE");
        assertEquals(OplockLevel.II, created(last).oplockLevel(), "another open: level II at most");
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, a.acknowledge(OplockLevel.II, first.fileId()).status(),
                "nothing breaks any more");
    }

    @Test
    void closingTheHolderEndsTheBreakAndTheWaiterGetsWhatItAsked() throws Exception {
        Client a = client();
        Client b = client();
        Smb2FileId held = created(a.create(OplockLevel.EXCLUSIVE, "f")).fileId();
        pending(b.create(OplockLevel.EXCLUSIVE, "f"));
        assertEquals(OplockLevel.II, notification(a).oplockLevel());
        assertEquals(NtStatus.STATUS_SUCCESS, a.close(held).status());
        assertEquals(OplockLevel.EXCLUSIVE, created(b.connection().receive()).oplockLevel(), "alone once A closed");
    }

    @Test
    void aHolderThatDisconnectsReleasesTheWaiter() throws Exception {
        Client a = client();
        Client b = client();
        created(a.create(OplockLevel.BATCH, "gone.txt"));
        pending(b.create(OplockLevel.NONE, "gone.txt"));
        notification(a);
        a.connection().channel.close();
        assertEquals(OplockLevel.NONE, created(b.connection().receive()).oplockLevel());
        assertEquals(1, openFiles.size(), "the file is still open, by B alone");
    }

    @Test
    void anUnacknowledgedBreakTimesOutAndLeavesTheHolderNothing() throws Exception {
        SharedFileRegistry quick = new SharedFileRegistry(Duration.ofMillis(30));
        Client a = clients.client(quick, 0x0202, SmbRequests.CLIENT_GUID);
        Client b = clients.client(quick, 0x0202, SmbRequests.CLIENT_GUID);
        Smb2FileId held = created(a.create(OplockLevel.BATCH, "slow")).fileId();
        pending(b.create(OplockLevel.II, "slow"));
        notification(a);
        Thread.sleep(60);
        a.connection().channel.runPendingTasks();
        assertEquals(OplockLevel.II, created(b.connection().receive()).oplockLevel());
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, a.acknowledge(OplockLevel.II, held).status(),
                "the break ended with the timer");
    }

    @Test
    void acknowledgmentsTheSpecRefuses() throws Exception {
        Client a = client();
        Client b = client();
        Smb2FileId held = created(a.create(OplockLevel.BATCH, "x")).fileId();
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, a.acknowledge(OplockLevel.NONE, held).status(),
                "not breaking");
        assertEquals(NtStatus.STATUS_FILE_CLOSED, a.acknowledge(OplockLevel.NONE, new Smb2FileId(9, 9)).status());
        pending(b.create(OplockLevel.NONE, "x"));
        notification(a);
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, a.acknowledge(OplockLevel.EXCLUSIVE, held).status(),
                "a level above the one offered");
        assertEquals(OplockLevel.NONE, created(b.connection().receive()).oplockLevel(),
                "the refused acknowledgment still ends the break");
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, a.acknowledge(OplockLevel.NONE, held).status(),
                "A was left no oplock");
    }

    @Test
    void directoriesGetNoOplockAndAnExclusiveHolderMeetsASharingViolationUnbroken() throws Exception {
        Client a = client();
        Client b = client();
        Smb2CreateResponse dir = Smb2CreateResponse.decode(a.connection().request(Smb2Command.CREATE, a.session(),
                a.tree(), new Smb2CreateRequest(OplockLevel.BATCH, 2, AccessMask.GENERIC_READ, 0, SHARE_ALL, 2,
                        Smb2CreateRequest.FILE_DIRECTORY_FILE, "sub", List.of())::encode).body());
        assertEquals(OplockLevel.NONE, dir.oplockLevel());
        created(a.create(OplockLevel.EXCLUSIVE, "locked.txt", READ_WRITE, 0, OPEN_IF, List.of()));
        assertEquals(NtStatus.STATUS_SHARING_VIOLATION,
                b.create(OplockLevel.NONE, "locked.txt").status(), "no break for an exclusive oplock, at once");
    }

    @Test
    void aWriteBreaksEveryLevelTwoOplockToNoneWithoutWaiting() throws Exception {
        Client a = client();
        Client b = client();
        created(a.create(OplockLevel.II, "both"));
        Smb2FileId writer = created(b.create(OplockLevel.II, "both")).fileId();
        Response selfBreak = b.connection().request(Smb2Command.WRITE, b.session(), b.tree(),
                new Smb2WriteRequest(0, writer, 0, new byte[] {1, 2, 3})::encode);
        assertEquals(-1L, selfBreak.header().messageId(), "the writer's own LEVEL_II goes first, as on Windows");
        assertEquals(new Smb2OplockBreak(OplockLevel.NONE, writer), Smb2OplockBreak.decode(selfBreak.body()));
        assertEquals(NtStatus.STATUS_SUCCESS, b.connection().receive().status(), "then the WRITE is answered");
        assertEquals(OplockLevel.NONE, notification(a).oplockLevel(), "A's cached reads go");
        assertEquals(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL, b.acknowledge(OplockLevel.NONE, writer).status(),
                "a break from LEVEL_II is not acknowledged");
    }

    @Test
    void aCancelledWaitingCreateIsAnsweredCancelledAndLeavesNoOpen() throws Exception {
        Client a = client();
        Client b = client();
        Smb2FileId held = created(a.create(OplockLevel.BATCH, "c")).fileId();
        long asyncId = pending(b.create(OplockLevel.NONE, "c"));
        notification(a);
        b.cancel(asyncId);
        assertEquals(NtStatus.STATUS_CANCELLED, b.connection().receive().status());
        assertEquals(NtStatus.STATUS_SUCCESS, a.acknowledge(OplockLevel.NONE, held).status());
        assertNull(b.connection().channel.readOutbound(), "nothing more for B");
        assertEquals(1, openFiles.size(), "only A's file is open");
    }
}
