package io.cistern.smb.server;

import io.netty.channel.Channel;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Ends a connection without a reply, where [MS-SMB2] says "disconnect the connection (3.3.7.1) and not reply". */
final class Disconnect {
    private static final Logger LOG = Logger.getLogger(Disconnect.class.getName());

    private Disconnect() {
    }

    /** Closes the connection; {@code reason} names the rule, for the FINE log only (it never holds payload). */
    static void now(Channel channel, Supplier<String> reason) {
        LOG.fine(() -> "closing SMB connection from " + channel.remoteAddress() + ": " + reason.get());
        channel.close();
    }
}
