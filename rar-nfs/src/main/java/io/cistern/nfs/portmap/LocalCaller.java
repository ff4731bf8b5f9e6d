package io.cistern.nfs.portmap;

import io.cistern.nfs.spi.NfsCaller;
import java.net.InetAddress;

/**
 * Whether a call came from this host. The source address is all a portmapper v2 has to go on (rpcbind also reads
 * the credentials of its local socket, which TCP and UDP do not carry); a loopback source cannot be forged from
 * outside, since the kernel drops packets with a loopback source arriving on other interfaces.
 */
final class LocalCaller {
    private LocalCaller() {
    }

    static boolean is(NfsCaller caller) {
        InetAddress address = caller.client().getAddress();
        return address != null && address.isLoopbackAddress();
    }
}
