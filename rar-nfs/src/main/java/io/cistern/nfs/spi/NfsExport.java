package io.cistern.nfs.spi;

import java.util.List;

/** exportnode (RFC 1813 section 5.2.5): an exported path and the clients (networks) allowed to mount it. */
public record NfsExport(String path, List<String> groups) {
    public NfsExport {
        groups = List.copyOf(groups);
    }
}
