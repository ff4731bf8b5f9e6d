package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsDirEntry;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * READDIR3res (RFC 1813 section 3.3.16): the directory's post_op_attr in both arms; on success the cookieverf3 and a
 * dirlist3, the entry3 list as XDR optional-data links (a TRUE before each entry, a FALSE after the last) and eof.
 * Encoding first cuts the listing to the client's count with {@link DirListFitter}; decoding gives the cut listing.
 */
public final class Readdir3Res {
    private Readdir3Res() {
    }

    public static void encode(ReaddirResult result, XdrWriter out) {
        NfsDirectoryReply reply = DirListFitter.fit(result, false);
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.directory(), out);
        if (reply.status() != NfsStatus.OK) {
            return;
        }
        out.writeLong(reply.cookieVerifier());
        for (NfsDirEntry entry : reply.entries()) {
            out.writeBoolean(true).writeLong(entry.fileId()).writeOpaque(entry.name()).writeLong(entry.cookie());
        }
        out.writeBoolean(false).writeBoolean(reply.eof());
    }

    public static NfsDirectoryReply decode(XdrReader in) throws XdrException {
        NfsStatus status = Nfs3Status.decode(in);
        NfsAttributes directory = Fattr3.decodeOptional(in);
        if (status != NfsStatus.OK) {
            return new NfsDirectoryReply(status, directory, 0, List.of(), false);
        }
        long cookieVerifier = in.readLong();
        List<NfsDirEntry> entries = new ArrayList<>();
        while (in.readBoolean()) {
            long fileId = in.readLong();
            byte[] name = in.readOpaque(DirOpArgs3.MAX_WIRE_NAME);
            entries.add(new NfsDirEntry(fileId, name, in.readLong(), null, null));
        }
        return new NfsDirectoryReply(status, directory, cookieVerifier, entries, in.readBoolean());
    }
}
