package io.cistern.smb.fscc;

import io.cistern.smb.wire.Guid;
import io.netty.buffer.ByteBuf;
import java.util.UUID;

/** FILE_FS_OBJECTID_INFORMATION, [MS-FSCC] 2.5.6: the volume's ObjectId and 48 bytes of ExtendedInfo; 64 bytes. */
public record FileFsObjectIdInformation(UUID objectId) {
    public static final int SIZE = 64;

    public void encode(ByteBuf out) {
        Guid.write(out, objectId);
        out.writeZero(48);                             // ExtendedInfo: nothing the application defines
    }
}
