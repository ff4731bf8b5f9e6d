package io.cistern.nfs.portmap.wire;

import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import java.util.ArrayList;
import java.util.List;

/** pmaplist (RFC 1833 section 3.1), the result of DUMP: mappings as an XDR linked list (TRUE before each, FALSE at the end). */
public final class PortMappingList {
    private PortMappingList() {
    }

    public static void encode(List<PortMapping> mappings, XdrWriter out) {
        for (PortMapping mapping : mappings) {
            out.writeBoolean(true);
            mapping.encode(out);
        }
        out.writeBoolean(false);
    }

    public static List<PortMapping> decode(XdrReader in) throws XdrException {
        List<PortMapping> mappings = new ArrayList<>();
        while (in.readBoolean()) {
            mappings.add(PortMapping.decode(in));
        }
        return mappings;
    }
}
