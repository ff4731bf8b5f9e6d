package io.cistern.nfs.mount;

import io.cistern.nfs.mount.wire.MountBody;
import io.cistern.nfs.spi.NfsCaller;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who mounted what, as DUMP reports it: kept in memory from MNT and UMNT, like rmtab but without its file.
 * The list is advisory by the RFC's own words (clients that crash never unmount), so losing it with the
 * adapter costs nothing. Entries are keyed by the client's IP address, not its port: every mount opens a new
 * connection. The table is bounded, dropping its oldest entry, because any client allowed to mount can add
 * entries and the list must stay small enough to send.
 */
public final class MountTable {
    static final int DEFAULT_CAPACITY = 1024;

    private final int capacity;
    private final Set<MountBody> entries = new LinkedHashSet<>();

    public MountTable() {
        this(DEFAULT_CAPACITY);
    }

    MountTable(int capacity) {
        this.capacity = capacity;
    }

    /** The name DUMP shows for a client: its address as text, never a DNS lookup on a request worker. */
    static String hostOf(NfsCaller caller) {
        InetSocketAddress client = caller.client();
        return client.getAddress() != null ? client.getAddress().getHostAddress() : client.getHostString();
    }

    synchronized void add(String host, String path) {
        if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > io.cistern.nfs.mount.wire.DirPath.MAX_BYTES) {
            // bytes that were not UTF-8 grew when decoded: such a path could not be listed by DUMP
            return;
        }
        MountBody entry = new MountBody(host, path);
        if (entries.remove(entry) || entries.size() < capacity) {
            entries.add(entry);   // a repeated mount moves to the end, as the newest
            return;
        }
        Iterator<MountBody> oldest = entries.iterator();
        oldest.next();
        oldest.remove();
        entries.add(entry);
    }

    synchronized boolean remove(String host, String path) {
        return entries.remove(new MountBody(host, path));
    }

    /** Removes every entry of {@code host}; returns their paths, oldest first. */
    synchronized List<String> removeAll(String host) {
        List<String> paths = new ArrayList<>();
        for (Iterator<MountBody> it = entries.iterator(); it.hasNext(); ) {
            MountBody entry = it.next();
            if (entry.hostname().equals(host)) {
                paths.add(entry.directory());
                it.remove();
            }
        }
        return paths;
    }

    /** The paths {@code host} (an address as text) mounted and did not unmount, oldest first. */
    public synchronized List<String> pathsOf(String host) {
        List<String> paths = new ArrayList<>();
        for (MountBody entry : entries) {
            if (entry.hostname().equals(host)) {
                paths.add(entry.directory());
            }
        }
        return paths;
    }

    synchronized List<MountBody> entries() {
        return List.copyOf(entries);
    }
}
