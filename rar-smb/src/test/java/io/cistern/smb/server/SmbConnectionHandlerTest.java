package io.cistern.smb.server;

import static io.cistern.smb.server.SmbRequests.bare;
import static io.cistern.smb.server.SmbRequests.requestHeader;
import static io.cistern.smb.server.SmbRequests.smb1Negotiate;
import static io.cistern.smb.server.SmbRequests.smb2;
import static io.cistern.smb.server.SmbRequests.smb2Negotiate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.smb.transport.DirectTcpFrameDecoder;
import io.cistern.smb.wire.EncryptionCapabilities;
import io.cistern.smb.wire.FileTime;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.PreauthIntegrityCapabilities;
import io.cistern.smb.wire.SigningCapabilities;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2ErrorResponse;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2NegotiateContext;
import io.cistern.smb.wire.Smb2NegotiateRequest;
import io.cistern.smb.wire.Smb2NegotiateResponse;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One connection's handling of NEGOTIATE and everything around it, read back as a client would. */
class SmbConnectionHandlerTest {
    private final RecordingListener listener = new RecordingListener();
    private boolean executorAccepts = true;
    private final SmbRequestExecutor inline = task -> {
        if (!executorAccepts) {
            return false;
        }
        try {
            task.accept(listener);
        } catch (RuntimeException expected) {
            // the worker pool logs and renews its endpoint; the reply is already written
        }
        return true;
    };
    private EmbeddedChannel channel = connection(SupportedDialects.IMPLEMENTED);

    private record Response(Smb2Header header, WireReader body) {
        Smb2NegotiateResponse negotiate() throws SmbWireException {
            return Smb2NegotiateResponse.decode(body);
        }

        Smb2ErrorResponse error() throws SmbWireException {
            return Smb2ErrorResponse.decode(body);
        }
    }

    @AfterEach
    void nothingLeftOver() {
        assertNull(channel.readOutbound(), "no unexpected replies");
        channel.finishAndReleaseAll();
    }

    @Test
    void smb2NegotiateOfferingEverythingBefore311Gets302WithTheApplicationsIdentity() throws Exception {
        Instant before = Instant.now();
        Response response = send(smb2Negotiate(0, 31, 0x0202, 0x0210, 0x0300, 0x0302));
        Smb2Header header = response.header();
        assertEquals(Smb2Command.NEGOTIATE, header.command());
        assertEquals(NtStatus.STATUS_SUCCESS, header.status());
        assertEquals(0, header.messageId());
        assertEquals(31, header.credits());
        assertEquals(Smb2Header.FLAGS_SERVER_TO_REDIR, header.flags());
        assertEquals(0, header.sessionId());

        Smb2NegotiateResponse negotiate = response.negotiate();
        assertEquals(Smb2Dialect.SMB_3_0_2, negotiate.dialectRevision());
        assertEquals(List.of(), negotiate.negotiateContexts(), "contexts only in 3.1.1");
        assertEquals(Smb2NegotiateResponse.SIGNING_ENABLED, negotiate.securityMode());
        assertEquals(RecordingListener.SERVER_GUID, negotiate.serverGuid());
        assertEquals(Smb2NegotiateResponse.CAP_LARGE_MTU | Smb2NegotiateResponse.CAP_LEASING,
                negotiate.capabilities(),
                "large MTU and leasing, and nothing else that is not implemented (the client asked for no encryption)");
        assertEquals(1 << 20, negotiate.maxTransactSize());
        assertEquals(8 << 20, negotiate.maxReadSize());
        assertEquals(8 << 20, negotiate.maxWriteSize());
        assertEquals(RecordingListener.SERVER_START, FileTime.toInstant(negotiate.serverStartTime()));
        Instant systemTime = FileTime.toInstant(negotiate.systemTime());
        assertFalse(systemTime.isBefore(before.minus(Duration.ofSeconds(1))));
        assertFalse(systemTime.isAfter(Instant.now().plus(Duration.ofSeconds(1))));
        assertArrayEquals(io.cistern.smb.auth.SpnegoNtlmAcceptor.negotiateResponseHint(), negotiate.securityBuffer(),
                "the SPNEGO NegTokenInit2 hint offering NTLMSSP");
        assertEquals(1, listener.identityCallers.size(), "the identity came from the application");
        assertTrue(channel.isOpen());
    }

    @Test
    void signingRequiredByTheApplicationIsAdvertised() throws Exception {
        listener.signingRequired = true;
        Smb2NegotiateResponse negotiate = send(smb2Negotiate(0, 1, 0x0202)).negotiate();
        assertEquals(Smb2NegotiateResponse.SIGNING_ENABLED | Smb2NegotiateResponse.SIGNING_REQUIRED,
                negotiate.securityMode());
    }

    @Test
    void atLeastOneCreditIsGranted() throws Exception {
        assertEquals(1, send(smb2Negotiate(0, 0, 0x0202)).header().credits());
    }

    @Test
    void negotiateOf311ChoosesSha512AesGcmAndTheClientsFirstSigningAlgorithm() throws Exception {
        Response response = send(negotiate311(0, List.of(
                new PreauthIntegrityCapabilities(List.of(0x0007, PreauthIntegrityCapabilities.SHA_512), new byte[32])
                        .toContext(),
                new EncryptionCapabilities(List.of(0x0001, 0x0004, 0x0002)).toContext(),
                new Smb2NegotiateContext(0x0005, "client".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
                new SigningCapabilities(List.of(0x0002, 0x0001)).toContext())));
        Smb2NegotiateResponse negotiate = response.negotiate();
        assertEquals(Smb2Dialect.SMB_3_1_1, negotiate.dialectRevision());
        List<Smb2NegotiateContext> contexts = negotiate.negotiateContexts();
        assertEquals(3, contexts.size(), "preauth, encryption and signing answered; the netname context is not");
        PreauthIntegrityCapabilities preauth = PreauthIntegrityCapabilities.decode(contexts.get(0).data());
        assertEquals(List.of(PreauthIntegrityCapabilities.SHA_512), preauth.hashAlgorithms());
        assertEquals(32, preauth.salt().length);
        assertEquals(List.of(0x0002), EncryptionCapabilities.decode(contexts.get(1).data()).ciphers(),
                "AES-128-GCM, the server's first choice, whatever the client's order");
        assertEquals(List.of(0x0002), SigningCapabilities.decode(contexts.get(2).data()).algorithms(), "AES-GMAC");
        assertEquals(Smb2NegotiateResponse.CAP_LARGE_MTU | Smb2NegotiateResponse.CAP_LEASING,
                negotiate.capabilities(), "no CAP_ENCRYPTION in 3.1.1");
    }

    @Test
    void negotiateOf311AnswersTheOneCipherInCommonOrNone() throws Exception {
        Smb2NegotiateContext preauth = new PreauthIntegrityCapabilities(List.of(PreauthIntegrityCapabilities.SHA_512),
                new byte[32]).toContext();
        Response only256Ccm = send(negotiate311(0, List.of(preauth,
                new EncryptionCapabilities(List.of(0x0003)).toContext())));
        assertEquals(List.of(0x0003), EncryptionCapabilities.decode(
                only256Ccm.negotiate().negotiateContexts().get(1).data()).ciphers());
        channel = connection(SupportedDialects.IMPLEMENTED);
        Response unknown = send(negotiate311(0, List.of(preauth,
                new EncryptionCapabilities(List.of(0x0009)).toContext())));
        assertEquals(List.of(0), EncryptionCapabilities.decode(
                unknown.negotiate().negotiateContexts().get(1).data()).ciphers(), "no cipher in common: 0");
    }

    @Test
    void negotiateOf311WithoutSha512HasNoPreauthOverlap() throws Exception {
        Response response = send(negotiate311(0, List.of(
                new PreauthIntegrityCapabilities(List.of(0x0007), new byte[32]).toContext())));
        assertEquals(NtStatus.STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP, response.header().status());
        assertTrue(channel.isOpen(), "the client may negotiate again");
        assertEquals(Smb2Dialect.SMB_2_0_2, send(smb2Negotiate(1, 1, 0x0202)).negotiate().dialectRevision());
    }

    @Test
    void negotiateOf311WithoutOrWithTwoPreauthContextsIsInvalid() throws Exception {
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(smb2Negotiate(0, 1, 0x0202, 0x0311)).header().status());
        Smb2NegotiateContext preauth = new PreauthIntegrityCapabilities(List.of(PreauthIntegrityCapabilities.SHA_512),
                new byte[32]).toContext();
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER,
                send(negotiate311(1, List.of(preauth, preauth))).header().status());
        Smb2NegotiateContext truncated = new Smb2NegotiateContext(Smb2NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES,
                new byte[] {1, 0});
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(negotiate311(2, List.of(truncated))).header().status());
        assertTrue(channel.isOpen());
    }

    /** An SMB2 NEGOTIATE offering 2.0.2 to 3.1.1 with these contexts, at the first 8-byte boundary after the dialects. */
    private static ByteBuf negotiate311(long messageId, List<Smb2NegotiateContext> contexts) {
        ByteBuf list = io.netty.buffer.Unpooled.buffer();
        Smb2NegotiateContext.writeList(list, contexts);
        List<Integer> dialects = List.of(0x0202, 0x0210, 0x0300, 0x0302, 0x0311);
        int offset = (Smb2NegotiateRequest.DIALECTS_OFFSET + 2 * dialects.size() + 7) & ~7;
        Smb2NegotiateRequest request = new Smb2NegotiateRequest(1, 0, SmbRequests.CLIENT_GUID, offset,
                contexts.size(), dialects, io.netty.buffer.ByteBufUtil.getBytes(list));
        return smb2(requestHeader(Smb2Command.NEGOTIATE, messageId, 1), request::encode);
    }

    @Test
    void smb1NegotiateWithOnly2002Gets0202WhichIsFinal() throws Exception {
        Response response = send(smb1Negotiate("NT LM 0.12", "SMB 2.002"));
        assertEquals(0, response.header().messageId());
        assertEquals(1, response.header().credits());
        assertEquals(Smb2Dialect.SMB_2_0_2, response.negotiate().dialectRevision());
        channel.writeInbound(smb2Negotiate(1, 1, 0x0202));
        assertFalse(channel.isOpen(), "0x0202 is final: a further NEGOTIATE ends the connection (3.3.5.4)");
    }

    @Test
    void smb1NegotiateWithWildcardGets02FFFromTheImplementedDialects() throws Exception {
        assertEquals(Smb2Dialect.SMB_2_WILDCARD,
                send(smb1Negotiate("NT LM 0.12", "SMB 2.002", "SMB 2.???")).negotiate().dialectRevision());
        assertEquals(Smb2Dialect.SMB_3_0_2,
                send(smb2Negotiate(1, 1, 0x0202, 0x0210, 0x0300, 0x0302)).negotiate().dialectRevision());
    }

    @Test
    void smb1NegotiateWithWildcardGets02FFOnceAServerImplements21() throws Exception {
        channel = connection(new SupportedDialects(Set.of(Smb2Dialect.SMB_2_0_2, Smb2Dialect.SMB_2_1)));
        Response wildcard = send(smb1Negotiate("NT LM 0.12", "SMB 2.002", "SMB 2.???"));
        assertEquals(Smb2Dialect.SMB_2_WILDCARD, wildcard.negotiate().dialectRevision());
        assertEquals(NtStatus.STATUS_SUCCESS, wildcard.header().status());
        channel.writeInbound(bare(Smb2Command.SESSION_SETUP, 1));
        assertFalse(channel.isOpen(), "after 0x02FF only an SMB2 NEGOTIATE may follow (3.3.5.2.2)");
    }

    @Test
    void after02FFTheSmb2NegotiateChoosesTheDialect() throws Exception {
        channel = connection(new SupportedDialects(Set.of(Smb2Dialect.SMB_2_0_2, Smb2Dialect.SMB_2_1)));
        send(smb1Negotiate("SMB 2.002", "SMB 2.???"));
        Response response = send(smb2Negotiate(1, 1, 0x0202, 0x0210, 0x0300));
        assertEquals(Smb2Dialect.SMB_2_1, response.negotiate().dialectRevision());
        assertTrue(channel.isOpen());
    }

    @Test
    void smb1NegotiateWithOnly2002Gets0202() throws Exception {
        Smb2NegotiateResponse negotiate = send(smb1Negotiate("SMB 2.002")).negotiate();
        assertEquals(Smb2Dialect.SMB_2_0_2, negotiate.dialectRevision());
        assertEquals(RecordingListener.SERVER_GUID, negotiate.serverGuid());
    }

    @Test
    void smb1NegotiateWithoutSmb2IsDisconnected() {
        channel.writeInbound(smb1Negotiate("PC NETWORK PROGRAM 1.0", "LANMAN1.0", "NT LM 0.12"));
        assertFalse(channel.isOpen());
        assertTrue(listener.identityCallers.isEmpty());
    }

    @Test
    void dialectsNoneOfWhichIsImplementedAreNotSupportedAndTheClientMayTryAgain() throws Exception {
        Response refused = send(smb2Negotiate(0, 1, 0x0222, 0x0400));
        assertEquals(NtStatus.STATUS_NOT_SUPPORTED, refused.header().status());
        assertEquals(Smb2Command.NEGOTIATE, refused.header().command());
        assertEquals(0, refused.header().messageId());
        assertEquals(Smb2ErrorResponse.EMPTY, refused.error());
        assertTrue(channel.isOpen());
        assertEquals(Smb2Dialect.SMB_2_0_2, send(smb2Negotiate(1, 1, 0x0202)).negotiate().dialectRevision());
    }

    @Test
    void noDialectsAtAllIsAnInvalidParameter() throws Exception {
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(smb2Negotiate(0, 1)).header().status());
    }

    @Test
    void aMalformedNegotiateBodyIsAnInvalidParameter() throws Exception {
        ByteBuf tooFewDialects = smb2(requestHeader(Smb2Command.NEGOTIATE, 0, 1),
                body -> body.writeShortLE(36).writeShortLE(40).writeZero(32).writeShortLE(0x0202));
        ByteBuf wrongSize = smb2(requestHeader(Smb2Command.NEGOTIATE, 1, 1),
                body -> body.writeShortLE(35).writeShortLE(1).writeZero(32).writeShortLE(0x0202));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(tooFewDialects).header().status());
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(wrongSize).header().status());
        assertTrue(channel.isOpen());
    }

    @Test
    void aSecondNegotiateIsDisconnected() throws Exception {
        send(smb2Negotiate(0, 1, 0x0202));
        channel.writeInbound(smb2Negotiate(1, 1, 0x0202));
        assertFalse(channel.isOpen());
    }

    /** [MS-SMB2] 3.3.5.2.3: a MessageId must be one the credits granted, and is good once; CANCEL uses none. */
    @Test
    void aMessageIdUsedAgainEndsTheConnection() throws Exception {
        assertEquals(1, send(smb2Negotiate(0, 1, 0x0202)).header().credits());
        assertEquals(NtStatus.STATUS_SUCCESS, send(bare(Smb2Command.ECHO, 1)).header().status());
        channel.writeInbound(bare(Smb2Command.CANCEL, 9));
        assertTrue(channel.isOpen(), "a CANCEL names another request's MessageId and takes none");
        channel.writeInbound(bare(Smb2Command.ECHO, 1));
        assertNull(channel.readOutbound(), "a replay is not answered");
        assertFalse(channel.isOpen());
    }

    @Test
    void aMessageIdBeyondTheCreditsGrantedEndsTheConnection() throws Exception {
        assertEquals(1, send(smb2Negotiate(0, 1, 0x0202)).header().credits(), "MessageId 1 may come next");
        channel.writeInbound(bare(Smb2Command.ECHO, 2));
        assertNull(channel.readOutbound());
        assertFalse(channel.isOpen());
    }

    @Test
    void creditsGrantedAreCappedAtWhatTheClientMayHoldAtOnce() throws Exception {
        assertEquals(CreditWindow.MAX_OUTSTANDING, send(smb2Negotiate(0, 65535, 0x0202)).header().credits());
        assertEquals(1, send(bare(Smb2Command.ECHO, 1)).header().credits(), "one used, one given back");
        assertEquals(NtStatus.STATUS_SUCCESS, send(bare(Smb2Command.ECHO, CreditWindow.MAX_OUTSTANDING + 1))
                .header().status(), "the last MessageId granted");
    }

    @Test
    void smb1AfterNegotiationIsDisconnected() throws Exception {
        send(smb2Negotiate(0, 1, 0x0202));
        channel.writeInbound(smb1Negotiate("SMB 2.002"));
        assertFalse(channel.isOpen());
    }

    @Test
    void anyOtherCommandBeforeNegotiationIsDisconnectedWithoutReply() {
        channel.writeInbound(bare(Smb2Command.SESSION_SETUP, 0));
        assertFalse(channel.isOpen());
    }

    @Test
    void commandsWithoutHandlerGetTheStatusOfTheStateTheServerIsIn() throws Exception {
        send(smb2Negotiate(0, 1, 0x0202));
        assertEquals(NtStatus.STATUS_INVALID_PARAMETER, send(bare(Smb2Command.SESSION_SETUP, 1)).header().status(),
                "a LOGOFF-sized body is no SESSION_SETUP request");
        assertEquals(NtStatus.STATUS_SUCCESS, send(bare(Smb2Command.ECHO, 2)).header().status(),
                "ECHO needs no session");
        Response treeConnect = send(bare(Smb2Command.TREE_CONNECT, 3));
        assertEquals(NtStatus.STATUS_USER_SESSION_DELETED, treeConnect.header().status());
        assertEquals(Smb2Command.TREE_CONNECT, treeConnect.header().command());
        assertEquals(3, treeConnect.header().messageId());
        channel.writeInbound(bare(Smb2Command.CANCEL, 4));
        assertNull(channel.readOutbound(), "CANCEL is never answered");
        assertTrue(channel.isOpen());
    }

    @Test
    void undefinedCommandsAndCompoundsAreDisconnected() throws Exception {
        send(smb2Negotiate(0, 1, 0x0202));
        channel.writeInbound(bare(0x0013, 1));
        assertFalse(channel.isOpen());

        channel = connection(SupportedDialects.IMPLEMENTED);
        send(smb2Negotiate(0, 1, 0x0202));
        Smb2Header compound = new Smb2Header(0, 0, Smb2Command.ECHO, 1, 0, 72, 1, 0, 0, 0, 0, new byte[16]);
        channel.writeInbound(smb2(compound, body -> body.writeShortLE(4).writeShortLE(0).writeZero(4)));
        assertFalse(channel.isOpen());
    }

    @Test
    void shortMessagesAndForeignProtocolIdsAreDisconnected() {
        for (ByteBuf wire : List.of(
                SmbRequests.frame(Unpooled.buffer().writeIntLE(Smb2Header.PROTOCOL_ID).writeZero(59)),
                SmbRequests.frame(Unpooled.buffer().writeIntLE(0x424D_53FD).writeZero(60)),
                SmbRequests.frame(Unpooled.buffer().writeByte(0xFE)),
                SmbRequests.frame(Unpooled.buffer()))) {
            channel = connection(SupportedDialects.IMPLEMENTED);
            channel.writeInbound(wire);
            assertFalse(channel.isOpen());
            assertEquals(0, wire.refCnt(), "no buffer kept");
        }
    }

    @Test
    void aFullQueueOrAFailingApplicationEndTheConnectionWithAnError() throws Exception {
        executorAccepts = false;
        Response busy = send(smb2Negotiate(0, 1, 0x0202));
        assertEquals(NtStatus.STATUS_INSUFFICIENT_RESOURCES, busy.header().status());
        assertFalse(channel.isOpen());

        executorAccepts = true;
        listener.failure = new IllegalStateException("database down");
        channel = connection(SupportedDialects.IMPLEMENTED);
        Response failed = send(smb2Negotiate(0, 1, 0x0202));
        assertEquals(NtStatus.STATUS_INTERNAL_ERROR, failed.header().status());
        assertFalse(channel.isOpen());
    }

    @Test
    void garbageNeverEscapesAsAnExceptionNorLeaksABuffer() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            channel = connection(SupportedDialects.IMPLEMENTED);
            ByteBuf wire = Unpooled.buffer();
            wire.writeBytes(garbageMessage(random, i % 3 == 0 ? null : smb2Negotiate(i, 1, 0x0202)));
            channel.writeInbound(wire);      // EmbeddedChannel rethrows anything that reached the pipeline's end
            drainReplies();
            channel.finishAndReleaseAll();
            assertEquals(0, wire.refCnt(), "input released, iteration " + i);
        }
        channel = connection(SupportedDialects.IMPLEMENTED);
    }

    /** Random bytes behind a valid frame header, or a valid request with random bytes flipped. */
    private static ByteBuf garbageMessage(java.util.Random random, ByteBuf template) {
        if (template == null) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            if (junk.length >= 4 && random.nextBoolean()) {
                junk[0] = (byte) 0xFE; junk[1] = 'S'; junk[2] = 'M'; junk[3] = 'B';
            }
            return Unpooled.buffer().writeInt(junk.length).writeBytes(junk);
        }
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            int at = 4 + random.nextInt(template.readableBytes() - 4);
            template.setByte(at, random.nextInt(256));
        }
        if (random.nextBoolean()) {
            template.writerIndex(4 + random.nextInt(template.readableBytes() - 4));   // truncate, keep the frame length
        }
        return template;
    }

    private EmbeddedChannel connection(SupportedDialects dialects) {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        return new EmbeddedChannel(new SmbChannelInitializer(inline, dialects,
                DirectTcpFrameDecoder.DEFAULT_MAX_MESSAGE_BYTES, null));
    }

    private Response send(ByteBuf request) throws SmbWireException {
        channel.writeInbound(request);
        ByteBuf frameHeader = channel.readOutbound();
        ByteBuf message = channel.readOutbound();
        assertEquals(message.readableBytes(), frameHeader.readInt(), "Direct TCP header: 0x00 and the length");
        frameHeader.release();
        try {
            ByteBuf copy = Unpooled.copiedBuffer(message);
            WireReader in = new WireReader(copy);
            return new Response(Smb2Header.decode(in), in);
        } finally {
            message.release();
        }
    }

    private void drainReplies() {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ((ByteBuf) out).release();
        }
    }
}
