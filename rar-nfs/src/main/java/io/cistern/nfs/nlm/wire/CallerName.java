package io.cistern.nfs.nlm.wire;

import io.cistern.nfs.xdr.XdrWriter;
import java.nio.charset.StandardCharsets;

/** A bounded XDR string: the adapter never sends a name its own decoder, or a client's, would refuse. */
final class CallerName {
    private CallerName() {
    }

    static void encode(String name, int maxBytes, XdrWriter out) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("name of " + bytes.length + " bytes exceeds " + maxBytes);
        }
        out.writeOpaque(bytes);
    }
}
