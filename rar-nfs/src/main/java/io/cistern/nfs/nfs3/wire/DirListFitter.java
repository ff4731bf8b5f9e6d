package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import java.util.List;

/**
 * Cuts a directory listing to the byte bounds of READDIR and READDIRPLUS (RFC 1813 sections 3.3.16 and 3.3.17).
 * The RFC counts XDR bytes, so the sizes here are those of the encoding exactly: a client that sized its buffer by
 * count must never receive more, and a reply that could hold one more entry should. Entries are kept in order up to
 * the first that does not fit; a listing cut short cannot claim eof. If the bounds cannot hold the reply with even
 * one of the entries (or, for an empty directory, the reply at all) the answer is NFS3ERR_TOOSMALL.
 */
public final class DirListFitter {
    /** A post_op_attr with its attributes: the flag and the 84 bytes of fattr3. */
    private static final int ATTRIBUTES = 4 + 84;
    /** What dircount counts of an entry besides its name: fileid3, the name's length, cookie3. */
    private static final int DIR_BYTES_BESIDES_NAME = 8 + 4 + 8;
    /** An entry3 besides its name: the value-follows flag before it, plus the dircount part. */
    private static final int ENTRY3_BESIDES_NAME = 4 + DIR_BYTES_BESIDES_NAME;

    /** A resok without entries but with the directory's attributes: post_op_attr, cookieverf3, the end flag, eof. */
    public static final int LARGEST_EMPTY_RESOK = ATTRIBUTES + 8 + 4 + 4;
    /** An entry3 with a name of one to four bytes: the smallest one READDIR can return. */
    public static final int SMALLEST_ENTRY3 = ENTRY3_BESIDES_NAME + 4;
    /** What dircount counts of an entryplus3 with a name of one to four bytes. */
    public static final int SMALLEST_ENTRYPLUS3_DIR_BYTES = DIR_BYTES_BESIDES_NAME + 4;
    /** An entryplus3 with a name of one to four bytes, its attributes and an empty handle. */
    public static final int SMALLEST_ENTRYPLUS3_WITH_ATTRIBUTES = SMALLEST_ENTRY3 + ATTRIBUTES + 4 + 4;

    private DirListFitter() {
    }

    /**
     * The part of {@code result}'s listing that fits its bounds, as the reply to encode; a failure passes through.
     *
     * @param plus whether entries are entryplus3 (with post_op_attr and post_op_fh3) rather than entry3
     */
    public static NfsDirectoryReply fit(ReaddirResult result, boolean plus) {
        NfsDirectoryReply listing = result.listing();
        if (listing.status() != NfsStatus.OK) {
            return listing;
        }
        List<NfsDirEntry> entries = listing.entries();
        long replyBytes = emptyResokBytes(listing.directory());
        long dirBytes = 0;
        int fitting = 0;
        for (NfsDirEntry entry : entries) {
            long entryBytes = entryBytes(entry, plus);
            long entryDirBytes = dirBytes(entry);
            if (replyBytes + entryBytes > result.maxcount() || dirBytes + entryDirBytes > result.dircount()) {
                break;
            }
            replyBytes += entryBytes;
            dirBytes += entryDirBytes;
            fitting++;
        }
        if (replyBytes > result.maxcount() || fitting == 0 && !entries.isEmpty()) {
            return new NfsDirectoryReply(NfsStatus.TOOSMALL, listing.directory(), 0, List.of(), false);
        }
        boolean cut = fitting < entries.size();
        return new NfsDirectoryReply(NfsStatus.OK, listing.directory(), listing.cookieVerifier(),
                entries.subList(0, fitting), listing.eof() && !cut);
    }

    /** READDIR3resok or READDIRPLUS3resok without entries: the two have the same fixed part. */
    static long emptyResokBytes(NfsAttributes directory) {
        return postOpAttrBytes(directory) + 8 + 4 + 4;
    }

    /** One entry3 or entryplus3, with the value-follows flag in front of it. */
    static long entryBytes(NfsDirEntry entry, boolean plus) {
        long bytes = 4 + dirBytes(entry);
        if (plus) {
            bytes += postOpAttrBytes(entry.attributes()) + postOpFhBytes(entry.handle());
        }
        return bytes;
    }

    /** The part of an entry that READDIRPLUS's dircount bounds: fileid3, filename3 and cookie3. */
    static long dirBytes(NfsDirEntry entry) {
        return DIR_BYTES_BESIDES_NAME + padded(entry.name().length);
    }

    private static long postOpAttrBytes(NfsAttributes attributes) {
        return attributes == null ? 4 : ATTRIBUTES;
    }

    private static long postOpFhBytes(byte[] handle) {
        return handle == null ? 4 : 4 + 4 + padded(handle.length);
    }

    private static long padded(int length) {
        return (length + 3L) & ~3L;
    }
}
