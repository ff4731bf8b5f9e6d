package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsDirectoryReply;

/**
 * The application's directory listing together with the byte bounds the client gave, because only the encoder can
 * tell how many entries fit: the listing is cut there by {@link DirListFitter}, not by the application.
 *
 * @param listing  the entries after the client's cookie, as the application found them
 * @param dircount the most bytes of the entries' file ids, names and cookies (READDIRPLUS dircount; for READDIR the
 *                 same as maxcount, which always bounds it more tightly)
 * @param maxcount the most bytes of the whole resok structure (READDIR count, READDIRPLUS maxcount)
 */
public record ReaddirResult(NfsDirectoryReply listing, long dircount, long maxcount) {

    public static ReaddirResult readdir(NfsDirectoryReply listing, long count) {
        return new ReaddirResult(listing, count, count);
    }

    public static ReaddirResult readdirplus(NfsDirectoryReply listing, long dircount, long maxcount) {
        return new ReaddirResult(listing, dircount, maxcount);
    }
}
