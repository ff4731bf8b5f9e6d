package io.cistern.smb.server;

import io.cistern.smb.wire.NetworkInterfaceInfo;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer to FSCTL_QUERY_NETWORK_INTERFACE_INFO ([MS-SMB2] 3.3.5.15.11): every address of an interface that is
 * up, has an IfIndex and that the listener accepts connections on (all of them for a wildcard bind, IPv4 ones only
 * for 0.0.0.0, else the bound address alone). Loopback addresses are listed only to a client that came over
 * loopback, the one client they serve. Capability is 0: nothing here is RSS or RDMA capable in SMB's sense. The link
 * speed is the kernel's (Linux's {@code /sys/class/net/<name>/speed}, in Mbit/s), or 0 when it does not say (virtual
 * and wireless links). Enumerating takes a few system calls, so the list is kept {@link #FRESH_NANOS} and then made
 * again; clients ask once per session at most.
 */
final class NetworkInterfaceList {
    private static final Logger LOG = Logger.getLogger(NetworkInterfaceList.class.getName());
    static final long FRESH_NANOS = 60_000_000_000L;
    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private record Snapshot(InetAddress bound, boolean loopback, long madeAt, List<NetworkInterfaceInfo> list) {
    }

    private volatile Snapshot snapshot;

    /** The interfaces for a request that came on {@code channel}. */
    List<NetworkInterfaceInfo> forChannel(Channel channel) {
        InetAddress bound = address(channel.parent() != null ? channel.parent().localAddress() : null);
        InetAddress local = address(channel.localAddress());
        boolean loopback = local != null && local.isLoopbackAddress();
        Snapshot kept = snapshot;
        long now = System.nanoTime();
        if (kept == null || now - kept.madeAt() > FRESH_NANOS || kept.loopback() != loopback
                || !java.util.Objects.equals(kept.bound(), bound)) {
            kept = new Snapshot(bound, loopback, now, list(bound, loopback));
            snapshot = kept;
        }
        return kept.list();
    }

    private static InetAddress address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** @param bound the listener's address; null or a wildcard: every interface */
    static List<NetworkInterfaceInfo> list(InetAddress bound, boolean withLoopback) {
        List<NetworkInterfaceInfo> found = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.getIndex() <= 0 || nif.isLoopback() && !withLoopback) {
                    continue;
                }
                long speed = -1;
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (accepts(bound, address) && NetworkInterfaceInfo.carries(address)) {
                        speed = speed < 0 ? linkSpeed(nif.getName()) : speed;
                        found.add(new NetworkInterfaceInfo(nif.getIndex(), 0, speed, address));
                    }
                }
            }
        } catch (SocketException e) {
            LOG.log(Level.WARNING, "the network interfaces cannot be listed", e);
        }
        return List.copyOf(found);
    }

    private static boolean accepts(InetAddress bound, InetAddress address) {
        if (bound == null || bound.isAnyLocalAddress()) {
            return bound instanceof Inet6Address || bound == null || !(address instanceof Inet6Address);
        }
        return bound.equals(address);
    }

    /** Bits per second from the kernel's Mbit/s, or 0 when it does not say. */
    static long linkSpeed(String interfaceName) {
        Path speed = SYS_CLASS_NET.resolve(interfaceName).resolve("speed");
        try {
            long megabits = Long.parseLong(Files.readString(speed, StandardCharsets.US_ASCII).strip());
            return megabits > 0 ? megabits * 1_000_000L : 0;
        } catch (IOException | NumberFormatException | SecurityException e) {
            return 0;
        }
    }
}
