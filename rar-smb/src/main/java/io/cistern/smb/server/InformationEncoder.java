package io.cistern.smb.server;

import io.cistern.smb.fscc.FileAllInformation;
import io.cistern.smb.fscc.FileBasicInformation;
import io.cistern.smb.fscc.FileCompressionInformation;
import io.cistern.smb.fscc.FileFsControlInformation;
import io.cistern.smb.fscc.FileFsAttributeInformation;
import io.cistern.smb.fscc.FileFsDeviceInformation;
import io.cistern.smb.fscc.FileFsObjectIdInformation;
import io.cistern.smb.fscc.FileFsSectorSizeInformation;
import io.cistern.smb.fscc.FileFsSizeInformation;
import io.cistern.smb.fscc.FileFsVolumeInformation;
import io.cistern.smb.fscc.FileNetworkOpenInformation;
import io.cistern.smb.fscc.FileStandardInformation;
import io.cistern.smb.fscc.FileStreamInformation;
import io.cistern.smb.fscc.InformationClass;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbVolumeReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The information classes QUERY_INFO answers ([MS-SMB2] 3.3.5.20.1 and .2, [MS-FSCC] 2.4 and 2.5), each encoded
 * whole with the size of its fixed part, which the handler needs for the OutputBufferLength rules. For a class that
 * ends in a name, the fixed part is counted as Windows counts it, as the C structure's size (one name character
 * included, rounded up to 8 bytes): FileAllInformation 104, FileStreamInformation 32, FileFsVolumeInformation 24,
 * FileFsAttributeInformation 16, which smbtorture's smb2.getinfo buffer checks expect. The file system claims no
 * more than it has: case-preserving, Unicode names, no case-sensitive search, ACLs, streams, object ids or sparse
 * files; 4 KiB sectors and allocation units; no quotas (FileFsControlInformation says none are tracked) and no
 * compression; the volume's object id is a name-based UUID of the share's id.
 */
final class InformationEncoder {
    static final int SECTOR = 512;
    static final int SECTORS_PER_UNIT = 8;
    /** The name clients see; Samba reports NTFS too, since some Windows software refuses other names. */
    static final String FILE_SYSTEM_NAME = "NTFS";

    /** An encoded class: every byte of it, and how many of them are the fixed part. */
    record Encoded(int fixedSize, byte[] bytes) {
    }

    private InformationEncoder() {
    }

    private static Encoded encode(int fixedSize, Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer(Math.max(fixedSize, 64));
        writer.accept(out);
        return new Encoded(fixedSize, ByteBufUtil.getBytes(out));
    }

    /** A class ending in a name: below the structure's C size the client learns INFO_LENGTH_MISMATCH. */
    private static Encoded withName(int fixedPart, Consumer<ByteBuf> writer) {
        Encoded whole = encode(fixedPart, writer);
        int structureSize = (fixedPart + 2 + 7) / 8 * 8;
        return new Encoded(Math.min(structureSize, whole.bytes().length), whole.bytes());
    }

    /** Whether a file class is one this server answers (and so worth asking the application for). */
    static boolean knowsFileClass(int infoClass) {
        return switch (infoClass) {
            case InformationClass.FILE_BASIC, InformationClass.FILE_STANDARD, InformationClass.FILE_INTERNAL,
                 InformationClass.FILE_EA, InformationClass.FILE_ACCESS, InformationClass.FILE_POSITION,
                 InformationClass.FILE_MODE, InformationClass.FILE_ALIGNMENT, InformationClass.FILE_ALL,
                 InformationClass.FILE_NETWORK_OPEN, InformationClass.FILE_ATTRIBUTE_TAG,
                 InformationClass.FILE_STREAM, InformationClass.FILE_COMPRESSION -> true;
            default -> false;
        };
    }

    /** A file class of an open (whose path names it), or null for a class not answered here. */
    static Encoded file(int infoClass, SmbFileInfo info, SmbOpen open, boolean deletePending) {
        String name = FileAttributeMapping.lastName(open.path());
        FileBasicInformation basic = FileAttributeMapping.basic(info, name);
        FileStandardInformation standard = new FileStandardInformation(FileAttributeMapping.allocation(info),
                FileAttributeMapping.endOfFile(info), info.links(), deletePending, info.directory());
        return switch (infoClass) {
            case InformationClass.FILE_BASIC -> encode(FileBasicInformation.SIZE, basic::encode);
            case InformationClass.FILE_STANDARD -> encode(FileStandardInformation.SIZE, standard::encode);
            case InformationClass.FILE_INTERNAL -> encode(8, out -> out.writeLongLE(info.fileId()));
            case InformationClass.FILE_EA -> encode(4, out -> out.writeIntLE(0));
            case InformationClass.FILE_ACCESS -> encode(4, out -> out.writeIntLE(open.grantedAccess()));
            case InformationClass.FILE_POSITION -> encode(8, out -> out.writeLongLE(open.position()));
            case InformationClass.FILE_MODE, InformationClass.FILE_ALIGNMENT -> encode(4, out -> out.writeIntLE(0));
            case InformationClass.FILE_ALL -> withName(FileAllInformation.FIXED_SIZE, new FileAllInformation(basic,
                    standard, info.fileId(), open.grantedAccess(), open.position(),
                    "\\" + SharePathName.join(open.path()))::encode);
            case InformationClass.FILE_NETWORK_OPEN -> encode(FileNetworkOpenInformation.SIZE,
                    new FileNetworkOpenInformation(basic, FileAttributeMapping.allocation(info),
                            FileAttributeMapping.endOfFile(info))::encode);
            case InformationClass.FILE_ATTRIBUTE_TAG -> encode(8, out -> out.writeIntLE(basic.fileAttributes())
                    .writeIntLE(0));
            case InformationClass.FILE_STREAM -> info.directory() ? new Encoded(0, new byte[0])
                    : withName(FileStreamInformation.FIXED_SIZE, new FileStreamInformation(info.size(),
                            info.allocationSize())::encode);
            case InformationClass.FILE_COMPRESSION -> encode(FileCompressionInformation.SIZE,
                    new FileCompressionInformation(info.size(), FileCompressionInformation.COMPRESSION_FORMAT_NONE)
                            ::encode);
            default -> null;
        };
    }

    /** Whether a file-system class needs the share's size from the application. */
    static boolean needsVolume(int infoClass) {
        return infoClass == InformationClass.FS_SIZE || infoClass == InformationClass.FS_FULL_SIZE;
    }

    /** A file-system class of the tree's share, or null for a class not answered here. */
    static Encoded fileSystem(int infoClass, TreeConnect tree, SmbVolumeReply volume) {
        long unit = (long) SECTOR * SECTORS_PER_UNIT;
        return switch (infoClass) {
            case InformationClass.FS_VOLUME -> withName(FileFsVolumeInformation.FIXED_SIZE,
                    new FileFsVolumeInformation(0, Long.hashCode(tree.share().shareId()), tree.share().name())::encode);
            case InformationClass.FS_SIZE -> encode(FileFsSizeInformation.SIZE, out -> new FileFsSizeInformation(
                    volume.totalBytes() / unit, volume.availableBytes() / unit, volume.freeBytes() / unit,
                    SECTORS_PER_UNIT, SECTOR).encode(out, false));
            case InformationClass.FS_FULL_SIZE -> encode(FileFsSizeInformation.FULL_SIZE, out ->
                    new FileFsSizeInformation(volume.totalBytes() / unit, volume.availableBytes() / unit,
                            volume.freeBytes() / unit, SECTORS_PER_UNIT, SECTOR).encode(out, true));
            case InformationClass.FS_DEVICE -> encode(FileFsDeviceInformation.SIZE, new FileFsDeviceInformation(
                    FileFsDeviceInformation.FILE_DEVICE_DISK, FileFsDeviceInformation.FILE_DEVICE_IS_MOUNTED)::encode);
            case InformationClass.FS_ATTRIBUTE -> withName(FileFsAttributeInformation.FIXED_SIZE,
                    new FileFsAttributeInformation(FileFsAttributeInformation.FILE_CASE_PRESERVED_NAMES
                            | FileFsAttributeInformation.FILE_UNICODE_ON_DISK, SharePathName.MAX_COMPONENT_BYTES,
                            FILE_SYSTEM_NAME)::encode);
            case InformationClass.FS_CONTROL -> encode(FileFsControlInformation.SIZE,
                    FileFsControlInformation.NO_QUOTAS::encode);
            case InformationClass.FS_OBJECT_ID -> encode(FileFsObjectIdInformation.SIZE,
                    new FileFsObjectIdInformation(UUID.nameUUIDFromBytes(("cistern share " + tree.share().shareId())
                            .getBytes(StandardCharsets.US_ASCII)))::encode);
            case InformationClass.FS_SECTOR_SIZE -> encode(FileFsSectorSizeInformation.SIZE,
                    new FileFsSectorSizeInformation(SECTOR)::encode);
            default -> null;
        };
    }
}
