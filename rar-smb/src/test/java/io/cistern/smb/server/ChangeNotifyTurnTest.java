package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.FileNotifyInformation;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2ChangeNotifyRequest;
import io.cistern.smb.wire.Smb2ChangeNotifyResponse;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2FileId;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CHANGE_NOTIFY requests of one watch reach it in the order they came, although each goes through a worker first
 * (to have the writes not told yet told) and the workers may finish in any order: smbtorture's smb2.notify.double
 * sends two and waits for the first, which must be the one answered from what was kept.
 */
class ChangeNotifyTurnTest {
    private static final int ALL_CHANGES = 0x0FFF;
    private static final int FILE_DIRECTORY_FILE = 0x1;
    private static final int FILE_CREATE = 2;

    private final RecordingListener listener = new RecordingListener();
    private final SmbTestConnection connection = new SmbTestConnection(listener);

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    @Test
    void requestsWhoseWorkersFinishBackwardsAreStillTakenInTheOrderTheyCame() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn session = connection.negotiateAndLogOn(0);
        int tree = connection.connectTree(session, "data");
        Smb2FileId dir = CreateCloseHandlerTest.fileId(CreateCloseHandlerTest.create(connection, session, tree, "dir",
                AccessMask.GENERIC_ALL, 7, FILE_CREATE, FILE_DIRECTORY_FILE, List.of()));
        assertEquals(NtStatus.STATUS_PENDING, connection.send(notify(session, tree, dir)).status(), "the watch waits");
        listener.files.addFile(7, List.of("dir", "a.txt"), new byte[1], 0644);
        assertEquals(List.of("a.txt"), names(connection.receive()));
        listener.files.addFile(7, List.of("dir", "b.txt"), new byte[1], 0644);   // kept: nothing waits

        connection.heldTasks = new ArrayList<>();
        ByteBuf first = notify(session, tree, dir);
        long firstId = first.getLongLE(4 + 24);   // past the Direct TCP length, the header's MessageId
        connection.channel.writeInbound(first);
        connection.channel.writeInbound(notify(session, tree, dir));
        assertEquals(2, connection.heldTasks.size(), "both on their way through a worker");
        Collections.reverse(connection.heldTasks);
        connection.runHeldTasks();

        Response answered = connection.receive();
        assertEquals(firstId, answered.header().messageId(), "the first request is answered from what was kept");
        assertEquals(List.of("b.txt"), names(answered));
        assertEquals(NtStatus.STATUS_PENDING, connection.receive().status(), "and the second waits");

        connection.heldTasks = null;
        List<Integer> statuses = List.of(connection.request(Smb2Command.CLOSE, session, tree,
                new Smb2CloseRequest(0, dir)::encode).status(), connection.receive().status());
        assertEquals(List.of(NtStatus.STATUS_NOTIFY_CLEANUP, NtStatus.STATUS_SUCCESS).stream().sorted().toList(),
                statuses.stream().sorted().toList(), "the waiting request cleaned up, the CLOSE done");
    }

    private ByteBuf notify(LoggedOn session, int tree, Smb2FileId dir) {
        return SmbTestConnection.frame(SmbTestConnection.message(connection.header(Smb2Command.CHANGE_NOTIFY,
                session.sessionId(), 0, tree), new Smb2ChangeNotifyRequest(0, 4096, dir, ALL_CHANGES)::encode));
    }

    private static List<String> names(Response response) throws Exception {
        assertEquals(NtStatus.STATUS_SUCCESS, response.status(), NtStatus.hex(response.status()));
        return FileNotifyInformation.decodeAll(Smb2ChangeNotifyResponse.decode(response.body()).output())
                .stream().map(FileNotifyInformation::fileName).toList();
    }
}
