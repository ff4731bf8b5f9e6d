package io.cistern.core.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The bytes of one journal record. A segment file is nothing but records, back to back, from byte 0; there
 * is no file header (the file name carries the first sequence number) and no padding between records (the
 * current segment may end in zeros written ahead of them: see {@link Journal}).
 * <p>
 * A record is a 56-byte header followed by the payload. All numbers are big-endian.
 * <pre>
 * offset size field
 *      0    4 magic, 0x434A4E4C ("CJNL")
 *      4    2 format version, 1
 *      6    2 kind ({@link RecordKind#code()}: 1 WRITE, 2 TRUNCATE)
 *      8    4 total length: header + payload, in bytes
 *     12    4 CRC32C (see below)
 *     16    8 sequence number: strictly increasing by 1 through the whole journal, never reused
 *     24    8 durable-through: the highest sequence that was known to be on disk (fdatasync returned)
 *             when this record was written
 *     32    8 inode id
 *     40    8 WRITE: offset in the file; TRUNCATE: the new size
 *     48    4 payload length (total length - 56)
 *     52    4 reserved, 0
 *     56    n payload
 * </pre>
 * The CRC32C runs over the payload first and then over the 56 header bytes with the CRC field set to
 * zero. Payload first, so that the expensive part is computed before the append lock is taken; the
 * header (which holds the sequence number) is only known under the lock.
 * <p>
 * Durable-through is what lets recovery tell a torn tail from real damage in the last segment: a damaged
 * record followed by an intact one whose durable-through covers it had been synced, so its loss is
 * corruption, not a crash in mid-write (see {@link JournalRecovery}).
 */
final class RecordFormat {
    static final int MAGIC = 0x434A4E4C;
    static final short VERSION = 1;
    static final int HEADER_BYTES = 56;
    /** The format's own ceiling, so that a garbled length is recognised as one and never allocated. */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;

    private static final int AT_MAGIC = 0;
    private static final int AT_VERSION = 4;
    private static final int AT_KIND = 6;
    private static final int AT_TOTAL_LENGTH = 8;
    private static final int AT_CRC = 12;
    private static final int AT_SEQUENCE = 16;
    private static final int AT_DURABLE_THROUGH = 24;
    private static final int AT_INODE = 32;
    private static final int AT_OFFSET = 40;
    private static final int AT_PAYLOAD_LENGTH = 48;
    private static final int AT_RESERVED = 52;

    private RecordFormat() {
    }

    /** The fields of a record header as found on disk, not yet checked. */
    record Header(int magic, int version, int kindCode, int totalLength, int crc, long sequence,
                  long durableThrough, long inodeId, long offset, int payloadLength, int reserved) {

        /** Why this cannot be the header of a record, or null if it can (the CRC is checked separately). */
        String problem() {
            if (magic != MAGIC) {
                return String.format("bad magic 0x%08x", magic);
            }
            if (version != VERSION) {
                return "unknown format version " + version;
            }
            if (payloadLength < 0 || payloadLength > MAX_PAYLOAD_BYTES || totalLength != HEADER_BYTES + payloadLength) {
                return "inconsistent lengths (total " + totalLength + ", payload " + payloadLength + ")";
            }
            if (RecordKind.ofCode(kindCode) == null) {
                return "unknown record kind " + kindCode;
            }
            if (reserved != 0) {
                return "reserved field is " + reserved;
            }
            return null;
        }

        RecordKind kind() {
            return RecordKind.ofCode(kindCode);
        }
    }

    /** The CRC32C state after the payload: the first half of the checksum, computed outside any lock. */
    static CRC32C payloadChecksum(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return crc;
    }

    /**
     * The header for {@code entry} logged as {@code sequence}, its CRC completed from {@code payloadChecksum}
     * (which this consumes). Positioned at 0, ready to write.
     */
    static ByteBuffer header(JournalEntry entry, long sequence, long durableThrough, CRC32C payloadChecksum) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        header.putInt(AT_MAGIC, MAGIC)
                .putShort(AT_VERSION, VERSION)
                .putShort(AT_KIND, (short) entry.kind().code())
                .putInt(AT_TOTAL_LENGTH, HEADER_BYTES + entry.payloadLength())
                .putInt(AT_CRC, 0)
                .putLong(AT_SEQUENCE, sequence)
                .putLong(AT_DURABLE_THROUGH, durableThrough)
                .putLong(AT_INODE, entry.inodeId())
                .putLong(AT_OFFSET, entry.offset())
                .putInt(AT_PAYLOAD_LENGTH, entry.payloadLength())
                .putInt(AT_RESERVED, 0);
        payloadChecksum.update(header.array(), 0, HEADER_BYTES);
        header.putInt(AT_CRC, (int) payloadChecksum.getValue());
        return header;
    }

    /** Reads the header fields from {@code bytes} (at least 56 bytes from its position); checks nothing. */
    static Header parse(ByteBuffer bytes) {
        ByteBuffer b = bytes.slice().order(ByteOrder.BIG_ENDIAN);
        return new Header(b.getInt(AT_MAGIC), b.getShort(AT_VERSION) & 0xFFFF, b.getShort(AT_KIND) & 0xFFFF,
                b.getInt(AT_TOTAL_LENGTH), b.getInt(AT_CRC), b.getLong(AT_SEQUENCE), b.getLong(AT_DURABLE_THROUGH),
                b.getLong(AT_INODE), b.getLong(AT_OFFSET), b.getInt(AT_PAYLOAD_LENGTH), b.getInt(AT_RESERVED));
    }

    /** Whether the CRC stored in {@code headerBytes} (56 bytes from its position) matches them and the payload. */
    static boolean checksumMatches(ByteBuffer headerBytes, ByteBuffer payload) {
        byte[] header = new byte[HEADER_BYTES];
        headerBytes.duplicate().get(header);
        int stored = ByteBuffer.wrap(header).getInt(AT_CRC);
        ByteBuffer.wrap(header).putInt(AT_CRC, 0);
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        crc.update(header, 0, HEADER_BYTES);
        return (int) crc.getValue() == stored;
    }
}
