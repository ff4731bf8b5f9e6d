package io.cistern.nfs.mount.wire;

import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * exports (RFC 1813 section 5.2.5), the result of EXPORT: a linked list of exportnode, each a dirpath and its
 * groups, itself a linked list of names. Clients such as showmount print an export without groups as open to
 * everyone.
 */
public final class Exports {
    private Exports() {
    }

    public static void encode(List<NfsExport> exports, XdrWriter out) {
        for (NfsExport export : exports) {
            out.writeBoolean(true);
            DirPath.encode(export.path(), out);
            for (String group : export.groups()) {
                out.writeBoolean(true);
                out.writeOpaque(DirPath.bounded(group, MountBody.MAX_NAME_BYTES, "group name"));
            }
            out.writeBoolean(false);
        }
        out.writeBoolean(false);
    }

    public static List<NfsExport> decode(XdrReader in) throws XdrException {
        List<NfsExport> exports = new ArrayList<>();
        while (in.readBoolean()) {
            String path = DirPath.decode(in);
            List<String> groups = new ArrayList<>();
            while (in.readBoolean()) {
                groups.add(in.readString(MountBody.MAX_NAME_BYTES));
            }
            exports.add(new NfsExport(path, groups));
        }
        return exports;
    }
}
