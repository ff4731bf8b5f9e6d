package io.cistern.core.fs;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A share's export rules, as Linux exports(5) names them.
 *
 * @param readOnly        no client may change anything
 * @param rootSquash      uid 0 and gid 0 from a client become the anonymous ids
 * @param allSquash       every client identity becomes the anonymous ids
 * @param anonUid         the anonymous user
 * @param anonGid         the anonymous group
 * @param allowedNetworks client addresses allowed, as CIDR blocks or single addresses (IPv4 or IPv6 literals);
 *                        empty allows every client
 */
public record ExportOptions(boolean readOnly, boolean rootSquash, boolean allSquash, int anonUid, int anonGid,
                            List<String> allowedNetworks) {
    /** nobody / nogroup on Linux, and the exports(5) default for anonuid and anongid. */
    public static final int NOBODY = 65534;

    /** Validates every network entry: they come from the admin API, and a typo must fail there, not at mount. */
    public ExportOptions {
        allowedNetworks = List.copyOf(allowedNetworks);
        allowedNetworks.forEach(IpNetwork::parse);
    }

    /** Read-write, root_squash, no all_squash, anonymous 65534:65534, every client: the exports(5) defaults. */
    public static ExportOptions defaults() {
        return new ExportOptions(false, true, false, NOBODY, NOBODY, List.of());
    }

    /**
     * The identity a request runs as, from the uid, gid and groups the client sent (AUTH_SYS). Follows Linux
     * nfsd_setuser: all_squash maps everyone to the anonymous ids with no supplementary groups; root_squash
     * maps uid 0 to the anonymous user, gid 0 to the anonymous group, and group 0 among the supplementary
     * groups to the anonymous group too, so that a squashed client keeps no root-group access anywhere.
     */
    public Caller squash(int uid, int gid, Collection<Integer> groups) {
        Objects.requireNonNull(groups, "groups");
        if (allSquash) {
            return new Caller(anonUid, anonGid, Set.of());
        }
        if (!rootSquash) {
            return new Caller(uid, gid, Set.copyOf(groups));
        }
        Set<Integer> squashedGroups = new LinkedHashSet<>();
        for (int group : groups) {
            squashedGroups.add(group == Caller.ROOT ? anonGid : group);
        }
        return new Caller(uid == Caller.ROOT ? anonUid : uid, gid == Caller.ROOT ? anonGid : gid, squashedGroups);
    }

    /**
     * Whether a client at this address may use the share. An IPv4 client seen through an IPv6 socket
     * (::ffff:a.b.c.d) matches IPv4 blocks; IPv6 blocks, even ::/0, never match an IPv4 client. The entries are
     * parsed on each call, which is cheap (literals only, no DNS); cache the answer per client if it is hot.
     */
    public boolean allowsClient(InetAddress client) {
        Objects.requireNonNull(client, "client");
        if (allowedNetworks.isEmpty()) {
            return true;
        }
        for (String entry : allowedNetworks) {
            if (IpNetwork.parse(entry).contains(client)) {
                return true;
            }
        }
        return false;
    }
}
