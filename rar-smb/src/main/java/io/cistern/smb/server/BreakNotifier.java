package io.cistern.smb.server;

import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2Command;
import io.cistern.smb.wire.Smb2Dialect;
import io.cistern.smb.wire.Smb2Header;
import io.cistern.smb.wire.Smb2LeaseBreakNotification;
import io.cistern.smb.wire.Smb2OplockBreak;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the unsolicited break notifications of [MS-SMB2] 3.3.4.6 (oplock, 2.2.23.1) and 3.3.4.7 (lease, 2.2.23.2):
 * an SMB2 OPLOCK_BREAK with MessageId 0xFFFFFFFFFFFFFFFF, SessionId and TreeId 0, never signed (the client skips
 * verifying a message of that MessageId, 3.2.5.1.3), and encrypted for the owning session when that session's
 * responses are (3.3.4.1.4), so that nothing of it travels in the clear on an encrypted session. Each is written on
 * the holder's event loop, where its session's cipher is used; a connection that is gone gets nothing (the break
 * then ends when its opens are closed with it).
 */
final class BreakNotifier {
    private static final Logger LOG = Logger.getLogger(BreakNotifier.class.getName());
    /** The MessageId of every unsolicited message (2.2.1). */
    static final long UNSOLICITED = -1L;

    private BreakNotifier() {
    }

    /** How often, and how far apart, a break waits for its open's FileId (see {@link #oplock}). */
    private static final int NAMING_ATTEMPTS = 100;
    private static final long NAMING_PAUSE_MILLIS = 10;

    /**
     * What an oplock break sends: the open's FileId and the level it is to break to. The open may have been admitted
     * by its worker and not yet have entered its session, which names it, on its event loop: the notification then
     * waits there until it has (for a second at most), so that it follows the CREATE response that names the open.
     */
    static Runnable oplock(SmbOpen open, int breakTo) {
        BreakRoute route = open.breakRoute();
        return () -> sendNamed(route, open, breakTo, 0);
    }

    private static void sendNamed(BreakRoute route, SmbOpen open, int breakTo, int attempt) {
        if (route == null) {
            return;
        }
        EventLoopHandOff.run(route.channel(), () -> {
            if (open.fileId() != null) {
                send(route, new Smb2OplockBreak(breakTo, open.fileId())::encode);
            } else if (attempt < NAMING_ATTEMPTS && route.channel().isActive()) {
                route.channel().eventLoop().schedule(() -> sendNamed(route, open, breakTo, attempt + 1),
                        NAMING_PAUSE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * What a lease break sends: the lease key, its state now and the one it breaks to, the new epoch on 3.x and the
     * acknowledgment flag when the client must answer.
     */
    static Runnable lease(Lease lease, BreakRoute route, int breakTo, boolean ackRequired) {
        if (route == null) {
            return () -> { };                          // an open not yet routed has no connection to tell
        }
        int epoch = route.dialect() >= Smb2Dialect.SMB_3_0 ? lease.epoch & 0xFFFF : 0;
        Smb2LeaseBreakNotification body = new Smb2LeaseBreakNotification(epoch,
                ackRequired ? Smb2LeaseBreakNotification.ACK_REQUIRED : 0, lease.key(), lease.state, breakTo);
        return () -> send(route, body::encode);
    }

    static Smb2Header header() {
        return new Smb2Header(0, NtStatus.STATUS_SUCCESS, Smb2Command.OPLOCK_BREAK, 0,
                Smb2Header.FLAGS_SERVER_TO_REDIR, 0, UNSOLICITED, 0, 0, 0, 0, new byte[Smb2Header.SIGNATURE_SIZE]);
    }

    private static void send(BreakRoute route, Consumer<ByteBuf> body) {
        if (route == null) {
            return;
        }
        Channel channel = route.channel();
        EventLoopHandOff.run(channel, () -> {
            if (!channel.isActive() || !route.session().isValid()) {
                return;                                // its opens close with it, which ends the break
            }
            ResponseProtection protection = route.session().responseProtection(false);
            try {
                channel.writeAndFlush(Smb2ResponseWriter.encode(channel, header(), body,
                        protection instanceof ResponseProtection.Encrypted ? protection : null), channel.voidPromise());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a break notification to " + channel.remoteAddress() + " failed", e);
            }
        });
    }
}
