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
 * READDIRPLUS3res (RFC 1813 section 3.3.17): like READDIR3res, but each entryplus3 also carries the object's
 * post_op_attr and post_op_fh3, which spares the client a LOOKUP per name. Encoding first cuts the listing to the
 * client's dircount and maxcount with {@link DirListFitter}; decoding gives the cut listing.
 */
public final class Readdirplus3Res {
    private Readdirplus3Res() {
    }

    public static void encode(ReaddirResult result, XdrWriter out) {
        NfsDirectoryReply reply = DirListFitter.fit(result, true);
        out.writeInt(reply.status().code());
        Fattr3.encodeOptional(reply.directory(), out);
        if (reply.status() != NfsStatus.OK) {
            return;
        }
        out.writeLong(reply.cookieVerifier());
        for (NfsDirEntry entry : reply.entries()) {
            out.writeBoolean(true).writeLong(entry.fileId()).writeOpaque(entry.name()).writeLong(entry.cookie());
            Fattr3.encodeOptional(entry.attributes(), out);
            FileHandle3.encodeOptional(entry.handle(), out);
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
            long cookie = in.readLong();
            NfsAttributes attributes = Fattr3.decodeOptional(in);
            entries.add(new NfsDirEntry(fileId, name, cookie, attributes, FileHandle3.decodeOptional(in)));
        }
        return new NfsDirectoryReply(status, directory, cookieVerifier, entries, in.readBoolean());
    }
}
