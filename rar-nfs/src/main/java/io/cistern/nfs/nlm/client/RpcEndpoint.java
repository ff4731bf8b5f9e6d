package io.cistern.nfs.nlm.client;

import java.net.InetSocketAddress;

/** Where an RPC server listens and over which transport, as a portmapper answers it. */
public record RpcEndpoint(InetSocketAddress address, RpcTransport transport) {
}
