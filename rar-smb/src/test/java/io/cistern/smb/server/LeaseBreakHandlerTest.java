package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.cistern.smb.server.OplockTestClients.OPEN_IF;
import static io.cistern.smb.server.OplockTestClients.READ_WRITE;
import static io.cistern.smb.server.OplockTestClients.SHARE_ALL;
import static io.cistern.smb.server.OplockTestClients.created;
import static io.cistern.smb.server.OplockTestClients.pending;

import io.cistern.smb.server.OplockTestClients.Client;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.OplockLevel;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateContext;
import io.cistern.smb.wire.Smb2CreateLease;
import io.cistern.smb.wire.Smb2CreateResponse;
import io.cistern.smb.wire.Smb2LeaseBreakAcknowledgment;
import io.cistern.smb.wire.Smb2LeaseBreakNotification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leases ([MS-SMB2] 3.3.5.9.8, 3.3.5.9.11, 3.3.4.7, 3.3.5.22.2) between in-memory connections sharing one registry:
 * the states granted, version 2's epoch and parent key, the lease break a second client's open causes and the CREATE
 * held until it is acknowledged, one lease shared by one client's opens under one key, and the acknowledgments the
 * spec refuses, looked up only among the acknowledging client's own leases.
 */
class LeaseBreakHandlerTest {
    private final OplockTestClients clients = new OplockTestClients();
    private static final int R = OplockLevel.LEASE_READ;
    private static final int H = OplockLevel.LEASE_HANDLE;
    private static final int W = OplockLevel.LEASE_WRITE;
    private static final byte[] KEY_A = key(0xA1);
    private static final byte[] KEY_B = key(0xB2);
    private static final byte[] PARENT = key(0x77);
    private static final UUID GUID_A = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
    private static final UUID GUID_B = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000002");
    private static final int SMB_3_0 = 0x0300;
    private static final int SMB_2_1 = 0x0210;

    private static byte[] key(int fill) {
        byte[] key = new byte[16];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    private static List<Smb2CreateContext> lease(byte[] key, int state, byte[] parent, int epoch) {
        int flags = parent == null ? 0 : Smb2CreateLease.FLAG_PARENT_LEASE_KEY_SET;
        return List.of(new Smb2CreateContext(Smb2CreateLease.CONTEXT_NAME,
                new Smb2CreateLease(key, state, flags, parent, epoch).encode()));
    }

    private static Response leased(Client client, String name, byte[] key, int state, byte[] parent)
            throws Exception {
        return client.create(OplockLevel.LEASE, name, READ_WRITE, SHARE_ALL, OPEN_IF, lease(key, state, parent, 0));
    }

    /** The lease context of a CREATE response, or null. */
    private static Smb2CreateLease answered(Smb2CreateResponse response) throws Exception {
        for (Smb2CreateContext context : response.createContexts()) {
            if (context.name().equals(Smb2CreateLease.CONTEXT_NAME)) {
                return Smb2CreateLease.decode(context.data());
            }
        }
        return null;
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

    @Test
    void anRwhLeaseBreaksToRhForAnotherClientWhoseCreateWaitsForTheAcknowledgment() throws Exception {
        Client a = clients.client(registry(), SMB_3_0, GUID_A);
        Client b = clients.client(registry(), SMB_3_0, GUID_B);
        Smb2CreateResponse first = created(leased(a, "doc", KEY_A, R | W | H, PARENT));
        assertEquals(OplockLevel.LEASE, first.oplockLevel());
        Smb2CreateLease granted = answered(first);
        assertEquals(R | W | H, granted.leaseState());
        assertArrayEquals(KEY_A, granted.leaseKey());
        assertArrayEquals(PARENT, granted.parentLeaseKey(), "version 2 keeps the parent key");
        assertEquals(Smb2CreateLease.FLAG_PARENT_LEASE_KEY_SET, granted.flags());
        assertEquals(1, granted.epoch(), "a new lease's epoch is the client's plus one");

        pending(leased(b, "doc", KEY_B, R | W | H, null));
        Smb2LeaseBreakNotification note = leaseBreak(a);
        assertArrayEquals(KEY_A, note.leaseKey());
        assertEquals(R | W | H, note.currentLeaseState());
        assertEquals(R | H, note.newLeaseState(), "write caching goes, read and handle caching stay");
        assertEquals(Smb2LeaseBreakNotification.ACK_REQUIRED, note.flags());
        assertEquals(2, note.newEpoch());
        assertNull(b.connection().channel.readOutbound(), "B waits for A's acknowledgment");

        Response acked = acknowledge(a, KEY_A, R | H);
        assertEquals(NtStatus.STATUS_SUCCESS, acked.status());
        assertEquals(new Smb2LeaseBreakAcknowledgment(KEY_A, R | H),
                Smb2LeaseBreakAcknowledgment.decode(acked.body()));
        Smb2CreateResponse second = created(b.connection().receive());
        assertEquals(R | H, answered(second).leaseState(), "no write caching beside another client's open");
    }

    private SharedFileRegistry shared;

    @AfterEach
    void nothingLeftOver() {
        clients.finish();
    }

    private SharedFileRegistry registry() {
        if (shared == null) {
            shared = new SharedFileRegistry(java.time.Duration.ofSeconds(30));
        }
        return shared;
    }

    @Test
    void oneClientsOpensUnderOneKeyShareTheLeaseWithoutABreak() throws Exception {
        Client a = clients.client(registry(), SMB_3_0, GUID_A);
        assertEquals(R | W | H, answered(created(leased(a, "mine", KEY_A, R | W | H, null))).leaseState());
        Smb2CreateResponse again = created(leased(a, "mine", KEY_A, R | W | H, null));
        assertEquals(R | W | H, answered(again).leaseState(), "the same lease, still everything");
        assertEquals(1, registry().leaseCount());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, leased(a, "other", KEY_A, R, null).status(),
                "a lease key names one file");
    }

    @Test
    void acknowledgmentsTheSpecRefusesAndAnotherClientCannotAcknowledge() throws Exception {
        Client a = clients.client(registry(), SMB_3_0, GUID_A);
        Client b = clients.client(registry(), SMB_3_0, GUID_B);
        created(leased(a, "ack", KEY_A, R | W | H, null));
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, acknowledge(a, KEY_B, R).status(), "unknown key");
        assertEquals(NtStatus.STATUS_UNSUCCESSFUL, acknowledge(a, KEY_A, R).status(), "not breaking");

        pending(leased(b, "ack", KEY_B, R, null));
        assertEquals(R | H, leaseBreak(a).newLeaseState());
        assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, acknowledge(b, KEY_A, R | H).status(),
                "B's client has no lease of that key: A's is not B's to acknowledge");
        assertNull(b.connection().channel.readOutbound(), "still waiting");
        assertEquals(NtStatus.STATUS_REQUEST_NOT_ACCEPTED, acknowledge(a, KEY_A, R | W | H).status(),
                "more than the break offered");
        assertNull(b.connection().channel.readOutbound(), "a refused acknowledgment leaves the break going");
        assertEquals(NtStatus.STATUS_SUCCESS, acknowledge(a, KEY_A, R).status(), "less than offered is fine");
        assertEquals(R, answered(created(b.connection().receive())).leaseState());
        assertEquals(NtStatus.STATUS_UNSUCCESSFUL, acknowledge(a, KEY_A, R).status(), "the break is over");
    }

    @Test
    void version1AnswersVersion1AndVersion2IsIgnoredOnSmb21() throws Exception {
        Client a = clients.client(registry(), SMB_2_1, GUID_A);
        Smb2CreateResponse v1 = created(leased(a, "one", KEY_A, R | H, null));
        Smb2CreateLease answer = answered(v1);
        assertEquals(R | H, answer.leaseState());
        assertTrue(!answer.v2(), "a version 1 request gets a version 1 answer");
        Smb2CreateResponse ignored = created(leased(a, "two", KEY_B, R | H, PARENT));
        assertEquals(OplockLevel.NONE, ignored.oplockLevel(), "2.1 knows no version 2 lease");
        assertNull(answered(ignored));
    }

    @Test
    void theAnswerHasTheLeasesVersionWhateverTheRequestUsed() throws Exception {
        Client a = clients.client(registry(), SMB_3_0, GUID_A);
        Smb2CreateLease first = answered(created(leased(a, "v", KEY_A, R, PARENT)));
        assertEquals(1, first.epoch());
        Smb2CreateLease again = answered(created(leased(a, "v", KEY_A, R | H, null)));
        assertTrue(again.v2(), "a version 1 request on a version 2 lease");
        assertEquals(R | H, again.leaseState());
        assertEquals(2, again.epoch(), "the upgrade moved the epoch on");
        assertArrayEquals(PARENT, again.parentLeaseKey());
    }

    @Test
    void aStateWithoutReadCachingIsNoLease() throws Exception {
        Client a = clients.client(registry(), SMB_3_0, GUID_A);
        assertEquals(0, answered(created(leased(a, "h", KEY_A, H, null))).leaseState());
        assertEquals(0, answered(created(leased(a, "w", KEY_B, W, null))).leaseState());
    }
}
