package io.cistern.nfs.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Where a call came from and so where its reply goes. A connection has one peer; a datagram socket is shared
 * by every client, so each call remembers its sender, whose reply must be addressed to it (RFC 5531 section 11:
 * over UDP one datagram is one message, without record marking).
 *
 * @param channel the connection, or the datagram socket
 * @param sender  the datagram's sender; null on a connection
 */
record RpcPeer(Channel channel, InetSocketAddress sender) {

    static RpcPeer connection(Channel channel) {
        return new RpcPeer(channel, null);
    }

    /** The client as the application sees it. */
    InetSocketAddress client() {
        if (sender != null) {
            return sender;
        }
        return channel.remoteAddress() instanceof InetSocketAddress address
                ? address : InetSocketAddress.createUnresolved("local", 0);
    }

    /** Writes an encoded reply; safe from any thread. */
    void send(ByteBuf reply) {
        Object message = sender == null ? reply : new DatagramPacket(reply, sender);
        channel.writeAndFlush(message, channel.voidPromise());
    }
}
