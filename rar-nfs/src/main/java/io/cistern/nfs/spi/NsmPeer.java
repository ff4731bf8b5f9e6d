package io.cistern.nfs.spi;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A client host that this server's status monitor is to tell of a restart (SM_NOTIFY, XNFS chapter 11): the host as
 * it named itself in its lock requests (NLM caller_name), and the address those requests came from, where the
 * notice goes. The address rather than a lookup of the name: a client's caller_name is often no name that resolves.
 *
 * @param name    the client's caller_name
 * @param address the client host's address
 */
public record NsmPeer(String name, InetAddress address) {

    public NsmPeer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return name + " at " + address.getHostAddress();
    }
}
