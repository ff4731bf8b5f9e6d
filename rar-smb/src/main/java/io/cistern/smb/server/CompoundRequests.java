package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.SmbWireException;
import io.cistern.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Compounded requests of one connection, [MS-SMB2] 3.3.5.2.7. A chain of unrelated requests is handled as if each had
 * come alone. A chain with related operations is handled one request at a time, each once the one before it has
 * been answered: a related request works in the session and tree connect of the one before it (3.3.5.2.7.2), on the
 * open its CREATE made when it names the FileId of all ones, and fails with the status of the chain's CREATE when
 * that failed (3.3.5.2.7.2: the previous operation that generates the FileId). Any other failure stays its own
 * request's: the next related request still runs on the open, as on Windows and Samba (smbtorture's
 * smb2.compound.related6: a WRITE denied on a read-only open, then a READ that succeeds). Once a request of the chain
 * found no session or tree connect (STATUS_USER_SESSION_DELETED, STATUS_NETWORK_NAME_DELETED), every related request
 * after it is STATUS_INVALID_PARAMETER, as 3.3.5.2.7.2 requires (smbtorture's smb2.compound.invalid2). The answers
 * are held by the response writer and go out together in one message ({@link CompoundReplies}), of both kinds of
 * chain; the next request of a related chain runs once the one before has its answer, held or not. A chain whose first request is related
 * fails as a whole with STATUS_INVALID_PARAMETER (3.3.5.2.7.2 SHOULD; smbtorture's smb2.compound.related9). A related
 * request names with all ones the open its chain's CREATE made only while no unrelated request came between them:
 * after one, the FileId in use is that request's, never the open of an earlier CREATE (smbtorture's
 * smb2.compound.invalid3), so the chain's CREATE is forgotten when the chain starts and at each unrelated request.
 * Confined to the connection's event loop.
 */
final class CompoundRequests {
    /** Reads one element of a chain; {@code previous} is the request before it, null for the first or unrelated. */
    @FunctionalInterface
    interface ElementReader {
        void read(Channel channel, ByteBuf element, boolean encrypted, Smb2Header previous);
    }

    private final ElementReader reader;
    private final Smb2ResponseWriter writer;
    private final Runnable forgetCreatedOpen;
    private final Function<Smb2Header, ResponseProtection> protection;
    private final Deque<ByteBuf> waiting = new ArrayDeque<>();
    private Channel channel;
    private boolean encrypted;
    private Smb2Header current;
    /** The status of the chain's last CREATE when it failed, which the related requests after it inherit. */
    private int createFailure;
    /** Whether a request of the chain found no session or tree connect for the related ones after it to work in. */
    private boolean contextLost;
    private boolean answered;

    /**
     * @param forgetCreatedOpen makes the connection forget the open the last CREATE made, so that all ones names no
     *                          open until another CREATE ({@link SmbConnectionState#resolve})
     * @param protection        how the session a request works in protects its response (null: none, or no
     *                          session), for the failures answered here: encrypted like the rest of an encrypted
     *                          chain, which goes in one transform message ({@link CompoundResponse})
     */
    CompoundRequests(ElementReader reader, Smb2ResponseWriter writer, Runnable forgetCreatedOpen,
                     Function<Smb2Header, ResponseProtection> protection) {
        this.reader = reader;
        this.writer = writer;
        this.forgetCreatedOpen = forgetCreatedOpen;
        this.protection = protection;
    }

    /** Starts a chain of two or more requests; {@code elements} are slices of a message released after this call. */
    void start(Channel on, List<ByteBuf> elements, boolean wereEncrypted) {
        boolean related = elements.stream().skip(1).anyMatch(e -> (header(e) & Smb2Header.FLAGS_RELATED_OPERATIONS) != 0);
        if (!related || !waiting.isEmpty()) {
            // unrelated chains need no order; a second related chain while one runs gets the same treatment
            elements.forEach(element -> reader.read(on, element, wereEncrypted, null));
            return;
        }
        channel = on;
        encrypted = wereEncrypted;
        elements.forEach(element -> waiting.add(element.retain()));
        current = null;
        createFailure = NtStatus.STATUS_SUCCESS;
        contextLost = false;
        forgetCreatedOpen.run();
        next();
    }

    /** Told of every response the connection writes: the answer to the running element lets the next one run. */
    void responded(Smb2Header response) {
        if (current != null && !answered && response.messageId() == current.messageId()) {
            answered = true;
            contextLost |= response.status() == NtStatus.STATUS_USER_SESSION_DELETED
                    || response.status() == NtStatus.STATUS_NETWORK_NAME_DELETED;
            if (current.command() == Smb2Command.CREATE) {
                createFailure = isFailure(response.status()) ? response.status() : NtStatus.STATUS_SUCCESS;
            }
            channel.eventLoop().execute(this::next);
        }
    }

    private void next() {
        ByteBuf element = waiting.poll();
        if (element == null) {
            current = null;
            return;
        }
        try {
            Smb2Header header = Smb2Header.decode(new WireReader(element));
            Smb2Header previous = current;
            current = previous != null && header.isRelated() ? header.inContextOf(previous) : header;
            answered = false;
            if (previous == null && header.isRelated()) {
                contextLost = true;   // answered below, by the reader, as a related request with nothing before it
            } else if (previous != null && !header.isRelated()) {
                createFailure = NtStatus.STATUS_SUCCESS;
                forgetCreatedOpen.run();
            }
            if (previous != null && header.isRelated() && contextLost) {
                writer.writeError(channel, current, NtStatus.STATUS_INVALID_PARAMETER, protection.apply(current));
            } else if (previous != null && header.isRelated() && createFailure != NtStatus.STATUS_SUCCESS) {
                writer.writeError(channel, current, createFailure, protection.apply(current));
            } else {
                reader.read(channel, element, encrypted, header.isRelated() ? previous : null);
            }
        } catch (SmbWireException e) {
            Disconnect.now(channel, () -> "unusable header in a compound chain: " + e.getMessage());
            clear();
        } finally {
            element.release();
        }
    }

    /** Drops what waits (the connection closed). */
    void clear() {
        ByteBuf element;
        while ((element = waiting.poll()) != null) {
            element.release();
        }
        current = null;
    }

    private static boolean isFailure(int status) {
        return (status & 0xC000_0000) == 0xC000_0000 && status != NtStatus.STATUS_SUCCESS;
    }

    private static int header(ByteBuf element) {
        return element.getIntLE(element.readerIndex() + 16);
    }
}
