package io.cistern.nfs.spi;

import java.util.List;

/**
 * READDIR3res / READDIRPLUS3res (RFC 1813 sections 3.3.16 and 3.3.17), before the adapter fits it into the byte
 * counts the client gave: the entries after the cookie, in order, and whether they reach the end.
 *
 * @param cookieVerifier changes when the directory changes in a way that invalidates cookies (0: never)
 */
public record NfsDirectoryReply(NfsStatus status, NfsAttributes directory, long cookieVerifier,
                                List<NfsDirEntry> entries, boolean eof) implements NfsReply {
    public NfsDirectoryReply {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    public static NfsDirectoryReply failure(NfsStatus status) {
        return new NfsDirectoryReply(status, null, 0, List.of(), false);
    }
}
