package io.cistern.smb.server;

import io.netty.channel.Channel;

/**
 * Where the break notifications of an open go ([MS-SMB2] 3.3.4.6, 3.3.4.7): the connection it was opened on, the
 * session that owns it (whose key encrypts a notification when the session encrypts) and the connection's dialect
 * (a lease break carries NewEpoch from 3.0 on).
 */
record BreakRoute(Channel channel, SmbSession session, int dialect) {
}
