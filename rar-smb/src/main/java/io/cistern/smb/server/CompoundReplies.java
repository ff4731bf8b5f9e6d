package io.cistern.smb.server;

import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers to the compound chains a connection is handling, held until every request of a chain has one and then
 * sent together ({@link CompoundResponse}), as Windows and Samba answer a compound request ([MS-SMB2] 3.3.4.1.3).
 * A request's answer is its final response, or the interim one when it goes asynchronous (only the last of a chain
 * may, 3.3.5.2.7): the chain then goes out with STATUS_PENDING in its last place, and the final response follows on
 * its own, as it would for a request alone. A final response that comes while the rest of its chain is still
 * being answered is sent right after the chain, so that the client sees the interim response first. Requests that
 * are never answered (CANCEL, 3.3.5.16) and those whose answers are written where they are encoded (NEGOTIATE and
 * SESSION_SETUP, which hash their responses into the pre-authentication integrity value) are not waited for.
 * Responses are offered from any thread; the chain goes out from the thread that completes it.
 */
final class CompoundReplies {
    private static final int FLAGS_OFFSET = 16;
    private static final int COMMAND_OFFSET = 12;
    private static final int MESSAGE_ID_OFFSET = 24;

    /** One chain's answers: the MessageIds it waits for, in chain order, and what has come. */
    private static final class Chain {
        final List<Long> order = new ArrayList<>();
        final Set<Long> related = new HashSet<>();
        final Map<Long, CompoundResponse.Part> answered = new HashMap<>();
        /** Final responses to requests whose interim response is held, sent after the chain. */
        final List<ByteBuf> after = new ArrayList<>();
    }

    private final Map<Long, Chain> chains = new HashMap<>();

    /**
     * Starts holding the answers to the requests of a chain (slices of the received message, headers read, not kept).
     * A chain with fewer than two requests to wait for needs nothing held.
     */
    synchronized void expect(List<ByteBuf> elements) {
        Chain chain = new Chain();
        for (ByteBuf element : elements) {
            int command = element.getUnsignedShortLE(element.readerIndex() + COMMAND_OFFSET);
            long messageId = element.getLongLE(element.readerIndex() + MESSAGE_ID_OFFSET);
            if (command == Smb2Command.CANCEL || command == Smb2Command.NEGOTIATE
                    || command == Smb2Command.SESSION_SETUP || chains.containsKey(messageId)
                    || chain.order.contains(messageId)) {
                continue;   // never answered, answered where encoded, or a MessageId the credit check will refuse
            }
            chain.order.add(messageId);
            if ((element.getIntLE(element.readerIndex() + FLAGS_OFFSET) & Smb2Header.FLAGS_RELATED_OPERATIONS) != 0) {
                chain.related.add(messageId);
            }
        }
        if (chain.order.size() >= 2) {
            chain.order.forEach(messageId -> chains.put(messageId, chain));
        }
    }

    /**
     * Takes the encoded, unprotected response {@code plain} when it answers a request of a chain being answered
     * (then it belongs to the chain, which is sent once complete); false when it is not one of them, and the
     * caller sends it.
     */
    synchronized boolean offer(Channel channel, Smb2Header header, ByteBuf plain, ResponseProtection protection) {
        Chain chain = chains.get(header.messageId());
        if (chain == null) {
            return false;
        }
        if (chain.answered.containsKey(header.messageId())) {
            chain.after.add(Smb2ResponseWriter.protect(plain, protection));
            return true;
        }
        chain.answered.put(header.messageId(), new CompoundResponse.Part(plain, protection,
                chain.related.contains(header.messageId())));
        if (chain.answered.size() == chain.order.size()) {
            chain.order.forEach(chains::remove);
            send(channel, chain);
        }
        return true;
    }

    private static void send(Channel channel, Chain chain) {
        List<CompoundResponse.Part> parts = new ArrayList<>(chain.order.size());
        chain.order.forEach(messageId -> parts.add(chain.answered.get(messageId)));
        try {
            for (ByteBuf message : CompoundResponse.assemble(channel.alloc(), parts)) {
                channel.write(message, channel.voidPromise());
            }
        } finally {
            for (ByteBuf message : chain.after) {
                channel.write(message, channel.voidPromise());
            }
            channel.flush();
        }
    }

    /** Drops what is held (the connection closed). */
    synchronized void clear() {
        Set<Chain> held = new HashSet<>(chains.values());
        chains.clear();
        for (Chain chain : held) {
            chain.answered.values().forEach(part -> part.plain().release());
            chain.after.forEach(ByteBuf::release);
        }
    }
}
