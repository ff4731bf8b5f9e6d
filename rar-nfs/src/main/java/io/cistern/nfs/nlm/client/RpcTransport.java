package io.cistern.nfs.nlm.client;

import io.cistern.nfs.portmap.wire.PortMapping;

/** How a call reaches a server: the two transports a portmapper maps, by their IP protocol numbers. */
public enum RpcTransport {
    TCP(PortMapping.IPPROTO_TCP), UDP(PortMapping.IPPROTO_UDP);

    private final int protocol;

    RpcTransport(int protocol) {
        this.protocol = protocol;
    }

    public int protocol() {
        return protocol;
    }
}
