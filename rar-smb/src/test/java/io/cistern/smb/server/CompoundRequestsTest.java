package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.server.SmbTestConnection.LoggedOn;
import io.cistern.smb.server.SmbTestConnection.Response;
import io.cistern.smb.wire.AccessMask;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2CloseRequest;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2CreateRequest;
import io.cistern.smb.wire.Smb2FileId;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2QueryInfoRequest;
import io.cistern.smb.wire.Smb2ReadRequest;
import io.cistern.smb.wire.Smb2ReadResponse;
import io.cistern.smb.wire.Smb2WriteRequest;
import io.cistern.smb.crypto.HmacSha256Signer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Compound chains ([MS-SMB2] 3.3.5.2.7) as Windows and Samba send them: CREATE, then QUERY_INFO and CLOSE related to
 * it, naming the new open by the FileId of all ones and the session and tree by the one before.
 */
class CompoundRequestsTest {
    private static final long ANY_SESSION = -1L;
    private static final int ANY_TREE = -1;
    private static final int FILE_STANDARD_INFORMATION = 5;

    private final RecordingListener listener = new RecordingListener();
    private final SharedFileRegistry openFiles = new SharedFileRegistry();
    private final SmbTestConnection connection = new SmbTestConnection(listener, openFiles);
    private LoggedOn session;
    private int tree;

    @AfterEach
    void nothingLeftOver() {
        connection.finish();
    }

    private void connect() throws Exception {
        listener.addShare(7, "data", false);
        session = connection.negotiateAndLogOn(0);
        tree = connection.connectTree(session, "data");
    }

    @Test
    void createQueryCloseRunsInOrderOnTheOpenTheChainMade() throws Exception {
        connect();
        listener.files.addFile(7, List.of("chained.txt"), "twelve bytes".getBytes(), 0644);
        List<Response> responses = sendChain(createQueryClose("chained.txt"));
        assertEquals(List.of(Smb2Command.CREATE, Smb2Command.QUERY_INFO, Smb2Command.CLOSE),
                responses.stream().map(r -> r.header().command()).toList());
        responses.forEach(r -> assertEquals(NtStatus.STATUS_SUCCESS, r.status(), NtStatus.hex(r.status())));
        assertEquals(session.sessionId(), responses.get(1).header().sessionId(), "the chain's session");
        assertEquals(tree, responses.get(1).header().treeId(), "the chain's tree");
        byte[] standard = responses.get(1).message();
        assertEquals(12, Unpooled.wrappedBuffer(standard).getLongLE(72 + 8), "EndOfFile of the file the chain opened");
        assertEquals(0, openFiles.size(), "the chain's CLOSE closed its open");
    }

    @Test
    void aFailedCreateFailsTheRelatedRequestsWithItsStatus() throws Exception {
        connect();
        List<Response> responses = sendChain(createQueryClose("missing.txt"));
        assertEquals(3, responses.size());
        responses.forEach(r -> assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, r.status(), NtStatus.hex(r.status())));
    }

    /** smbtorture's smb2.compound.related6: only a failed CREATE's status carries over to the requests after it. */
    @Test
    void aFailureOtherThanTheCreatesStaysWithItsOwnRequest() throws Exception {
        connect();
        listener.files.addFile(7, List.of("readonly.txt"), "content".getBytes(), 0644);
        List<ByteBuf> elements = new ArrayList<>();
        elements.add(SmbTestConnection.message(connection.header(Smb2Command.CREATE, session.sessionId(), 0, tree),
                createBody("readonly.txt")));
        elements.add(related(Smb2Command.WRITE, new Smb2WriteRequest(0, Smb2FileId.ALL_ONES, 0, new byte[4])::encode));
        elements.add(related(Smb2Command.READ, new Smb2ReadRequest(0, 7, 0, Smb2FileId.ALL_ONES, 0)::encode));
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        List<Response> responses = sendChain(elements);
        assertEquals(List.of(NtStatus.STATUS_SUCCESS, NtStatus.STATUS_ACCESS_DENIED, NtStatus.STATUS_SUCCESS,
                NtStatus.STATUS_SUCCESS), responses.stream().map(Response::status).toList());
        java.nio.ByteBuffer read = Smb2ReadResponse.decode(responses.get(2).body()).data();
        byte[] content = new byte[read.remaining()];
        read.get(content);
        assertEquals("content", new String(content, java.nio.charset.StandardCharsets.UTF_8), "the READ after it ran");
        assertEquals(0, openFiles.size(), "the chain's CLOSE closed its open");
    }

    /** smbtorture's smb2.compound.invalid2: related requests after one that found no session have none to work in. */
    @Test
    void relatedRequestsAfterOneWithoutASessionAreInvalidParameters() throws Exception {
        connect();
        listener.files.addFile(7, List.of("here.txt"), "x".getBytes(), 0644);
        List<ByteBuf> elements = new ArrayList<>();
        elements.add(SmbTestConnection.message(connection.header(Smb2Command.CREATE, session.sessionId(), 0, tree),
                createBody("here.txt")));
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        elements.add(SmbTestConnection.message(connection.header(Smb2Command.CLOSE, ANY_SESSION, 0, ANY_TREE),
                new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        List<Response> responses = sendChain(elements);
        assertEquals(List.of(NtStatus.STATUS_SUCCESS, NtStatus.STATUS_SUCCESS, NtStatus.STATUS_USER_SESSION_DELETED,
                NtStatus.STATUS_INVALID_PARAMETER, NtStatus.STATUS_INVALID_PARAMETER),
                responses.stream().map(Response::status).toList());
        assertEquals(0, openFiles.size());
    }

    /** smbtorture's smb2.compound.related9: a chain that starts related fails whole, even on an open that exists. */
    @Test
    void everyRequestOfAChainThatStartsRelatedIsAnInvalidParameter() throws Exception {
        connect();
        listener.files.addFile(7, List.of("open.txt"), "x".getBytes(), 0644);
        Smb2FileId open = CreateCloseHandlerTest.fileId(CreateCloseHandlerTest.create(connection, session, tree,
                "open.txt", AccessMask.GENERIC_READ, 7, 1, 0, List.of()));
        List<ByteBuf> elements = new ArrayList<>();
        elements.add(related(Smb2Command.QUERY_INFO, new Smb2QueryInfoRequest(1, FILE_STANDARD_INFORMATION, 4096, 0,
                0, open)::encode));
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, open)::encode));
        assertEquals(List.of(NtStatus.STATUS_INVALID_PARAMETER, NtStatus.STATUS_INVALID_PARAMETER),
                sendChain(elements).stream().map(Response::status).toList());
        assertEquals(1, openFiles.size(), "the open was not closed");
    }

    /**
     * smbtorture's smb2.compound.invalid3: after an unrelated request the FileId in use is that request's, so all ones
     * no longer names the open the chain's CREATE made.
     */
    @Test
    void afterAnUnrelatedRequestAllOnesNoLongerNamesTheChainsOpen() throws Exception {
        connect();
        listener.files.addFile(7, List.of("made.txt"), "x".getBytes(), 0644);
        List<ByteBuf> elements = new ArrayList<>();
        elements.add(SmbTestConnection.message(connection.header(Smb2Command.CREATE, session.sessionId(), 0, tree),
                createBody("made.txt")));
        for (int i = 0; i < 2; i++) {
            elements.add(SmbTestConnection.message(connection.header(Smb2Command.CLOSE, session.sessionId(), 0, tree),
                    new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        }
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        List<Response> responses = sendChain(elements);
        assertEquals(List.of(NtStatus.STATUS_SUCCESS, NtStatus.STATUS_FILE_CLOSED, NtStatus.STATUS_FILE_CLOSED,
                NtStatus.STATUS_FILE_CLOSED), responses.stream().map(Response::status).toList());
        assertEquals(1, openFiles.size(), "the CREATE's open is still open");
    }

    @Test
    void aChainThatStartsRelatedOrDoesNotHoldTogetherIsRefused() throws Exception {
        connect();
        List<ByteBuf> startsRelated = createQueryClose("x");
        startsRelated.set(0, related(Smb2Command.CREATE, createBody("x")));
        List<Response> responses = sendChain(startsRelated);
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, responses.get(0).status());

        ByteBuf broken = chain(createQueryClose("x"));
        broken.setIntLE(4 + 20, 70);                            // NextCommand not 8-aligned
        connection.channel.writeInbound(broken);
        assertFalse(connection.channel.isOpen(), "a chain that does not hold together ends the connection");
    }

    /**
     * [MS-SMB2] 3.3.4.1.3, 3.3.4.1.1: a signed chain of related requests is answered by one message whose responses
     * are each padded to 8 bytes, linked by NextCommand, flagged related after the first, and signed on their own.
     */
    @Test
    void aSignedRelatedChainIsAnsweredByOneMessageOfPaddedLinkedSeparatelySignedResponses() throws Exception {
        LoggedOn signing = signedSession();
        listener.files.addFile(7, List.of("chained.txt"), "twelve bytes".getBytes(), 0644);
        connection.channel.writeInbound(chain(createQueryClose("chained.txt"), signing.sessionKey()));
        List<Response> parts = connection.receiveMessage();
        assertEquals(List.of(Smb2Command.CREATE, Smb2Command.QUERY_INFO, Smb2Command.CLOSE),
                parts.stream().map(r -> r.header().command()).toList(), "the three answers in one message");
        parts.forEach(r -> assertEquals(NtStatus.STATUS_SUCCESS, r.status(), NtStatus.hex(r.status())));
        assertEquals(List.of(false, true, true), parts.stream().map(r -> r.header().isRelated()).toList());
        for (int i = 0; i < parts.size(); i++) {
            Response part = parts.get(i);
            assertEquals(0, part.message().length % 8, "padded to 8 bytes: " + i);
            assertEquals(i == parts.size() - 1 ? 0 : part.message().length, part.header().nextCommand());
            assertTrue(part.header().isSigned() && part.signatureVerifies(signing.sessionKey()),
                    "signed on its own, over its padding: " + i);
        }
        byte[] close = parts.get(2).message();
        assertEquals(128, close.length, "CLOSE's 124 bytes padded with 4");
        assertEquals(0, Unpooled.wrappedBuffer(close).getIntLE(124), "zeros");
        assertEquals(0, openFiles.size(), "the chain's CLOSE closed its open");
    }

    /** The related requests failed with the CREATE's status are protected as the session protects, like the rest. */
    @Test
    void theFailuresOfRequestsAfterAFailedCreateAreSignedLikeTheRest() throws Exception {
        LoggedOn signing = signedSession();
        connection.channel.writeInbound(chain(createQueryClose("missing.txt"), signing.sessionKey()));
        List<Response> parts = connection.receiveMessage();
        assertEquals(3, parts.size());
        for (Response part : parts) {
            assertEquals(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, part.status(), NtStatus.hex(part.status()));
            assertTrue(part.header().isSigned() && part.signatureVerifies(signing.sessionKey()),
                    Smb2Command.name(part.header().command()));
        }
    }

    @Test
    void anUnrelatedPairIsAnsweredByOneMessageWithoutTheRelatedFlag() throws Exception {
        LoggedOn signing = signedSession();
        List<ByteBuf> elements = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            elements.add(SmbTestConnection.message(connection.header(Smb2Command.ECHO, signing.sessionId(), 0, 0),
                    body -> body.writeShortLE(4).writeShortLE(0)));
        }
        connection.channel.writeInbound(chain(elements, signing.sessionKey()));
        List<Response> parts = connection.receiveMessage();
        assertEquals(List.of(Smb2Command.ECHO, Smb2Command.ECHO), parts.stream().map(r -> r.header().command()).toList());
        assertEquals(List.of(72, 72), parts.stream().map(r -> r.message().length).toList(), "68 bytes padded to 72");
        assertEquals(List.of(72, 0), parts.stream().map(r -> r.header().nextCommand()).toList());
        parts.forEach(r -> assertFalse(r.header().isRelated(), "unrelated requests, unrelated responses"));
        parts.forEach(r -> assertTrue(r.signatureVerifies(signing.sessionKey())));
    }

    /** A session that signs (the client requires it), with share 7 connected as {@link #tree} by a signed request. */
    private LoggedOn signedSession() throws Exception {
        listener.addShare(7, "data", false);
        LoggedOn signing = connection.negotiateAndLogOn(io.cistern.smb.wire.Smb2SessionSetupRequest.SIGNING_REQUIRED);
        session = signing;
        Response connected = connection.send(connection.treeConnect(signing, "\\\\srv\\data", true));
        assertEquals(NtStatus.STATUS_SUCCESS, connected.status());
        tree = connected.header().treeId();
        return signing;
    }

    private List<ByteBuf> createQueryClose(String name) {
        List<ByteBuf> elements = new ArrayList<>();
        elements.add(SmbTestConnection.message(connection.header(Smb2Command.CREATE, session.sessionId(), 0, tree),
                createBody(name)));
        elements.add(related(Smb2Command.QUERY_INFO, new Smb2QueryInfoRequest(1, FILE_STANDARD_INFORMATION, 4096, 0,
                0, Smb2FileId.ALL_ONES)::encode));
        elements.add(related(Smb2Command.CLOSE, new Smb2CloseRequest(0, Smb2FileId.ALL_ONES)::encode));
        return elements;
    }

    private static Consumer<ByteBuf> createBody(String name) {
        return new Smb2CreateRequest(0, 2, AccessMask.GENERIC_READ, 0, 7, 1, 0, name, List.of())::encode;
    }

    private ByteBuf related(int command, Consumer<ByteBuf> body) {
        return SmbTestConnection.message(connection.header(command, ANY_SESSION, Smb2Header.FLAGS_RELATED_OPERATIONS,
                ANY_TREE), body);
    }

    /** Sends the chain and returns the responses of the one message that answers it. */
    private List<Response> sendChain(List<ByteBuf> elements) throws Exception {
        connection.channel.writeInbound(chain(elements));
        List<Response> responses = connection.receiveMessage();
        assertEquals(elements.size(), responses.size(), "every request answered in one message");
        return responses;
    }

    /** As {@link #chain(List)}, each element flagged signed and signed with {@code key} over it and its padding. */
    private static ByteBuf chain(List<ByteBuf> elements, byte[] key) {
        ByteBuf framed = chain(elements);
        byte[] message = ByteBufUtil.getBytes(framed, 4, framed.readableBytes() - 4);
        framed.release();
        ByteBuf wrapped = Unpooled.wrappedBuffer(message);
        int start = 0;
        while (true) {
            int next = wrapped.getIntLE(start + 20);
            int length = next == 0 ? message.length - start : next;
            wrapped.setIntLE(start + 16, wrapped.getIntLE(start + 16) | Smb2Header.FLAGS_SIGNED);
            new HmacSha256Signer(key).sign(message, start, length);
            if (next == 0) {
                return SmbTestConnection.frame(Unpooled.wrappedBuffer(message));
            }
            start += next;
        }
    }

    /** The elements padded to 8 bytes, each NextCommand pointing at the next, framed for Direct TCP. */
    private static ByteBuf chain(List<ByteBuf> elements) {
        ByteBuf message = Unpooled.buffer();
        for (int i = 0; i < elements.size(); i++) {
            ByteBuf element = elements.get(i);
            int start = message.writerIndex();
            message.writeBytes(element);
            if (i < elements.size() - 1) {
                message.writeZero((8 - (message.writerIndex() - start) % 8) % 8);
                message.setIntLE(start + 20, message.writerIndex() - start);
            }
        }
        assertTrue(message.readableBytes() > 0);
        return SmbTestConnection.frame(message);
    }
}
