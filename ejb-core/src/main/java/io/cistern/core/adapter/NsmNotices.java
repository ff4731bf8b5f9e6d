package io.cistern.core.adapter;

import io.cistern.core.nsm.HostMonitor;
import io.cistern.core.nsm.MonitoredHost;
import io.cistern.nfs.spi.NsmPeer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The status monitor's side of the NFS adapter's restart notices: which hosts to tell, and forgetting those told. A
 * failure is logged here and answered as "nobody to tell" or ignored: the hosts stay recorded, and are told after the
 * next start.
 */
final class NsmNotices {
    private static final Logger LOG = Logger.getLogger(NsmNotices.class.getName());

    private final HostMonitor hosts;

    NsmNotices(HostMonitor hosts) {
        this.hosts = hosts;
    }

    int state() {
        return hosts.state();
    }

    List<NsmPeer> peersToNotify() {
        List<MonitoredHost> recorded;
        try {
            recorded = hosts.toNotify();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NSM: cannot read which client hosts to tell of this start; none is told", e);
            return List.of();
        }
        List<NsmPeer> peers = new ArrayList<>(recorded.size());
        for (MonitoredHost host : recorded) {
            try {
                peers.add(new NsmPeer(host.name(), InetAddress.getByName(host.address())));   // a literal: no lookup
            } catch (UnknownHostException e) {
                LOG.warning(() -> "NSM: " + host + " has no address one can send to; it is not told");
            }
        }
        return peers;
    }

    void notified(NsmPeer peer) {
        try {
            hosts.notified(new MonitoredHost(peer.name(), peer.address().getHostAddress()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NSM: cannot forget " + peer + ", which was told of this start; it is told again"
                    + " after the next", e);
        }
    }
}
