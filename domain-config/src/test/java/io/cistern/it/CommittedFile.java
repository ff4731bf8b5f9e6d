package io.cistern.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the server promised about one file: the length of the prefix that a COMMIT (or a stable WRITE) covered,
 * and the SHA-256 of that prefix as the client wrote it. The digest state at that point is kept too, so that a
 * later iteration can append from the committed length without reading anything back.
 * <p>
 * Every acknowledged write is logged as offset, length and seed (its bytes are {@link #data} of the seed), so
 * that a mismatch can be explained byte by byte by regenerating what should be there, without holding
 * hundreds of MiB in memory.
 * <p>
 * Written by the writer thread while the server runs, read by the test thread after the crash: synchronized.
 */
final class CommittedFile {
    private static final String EMPTY_SHA256 = hex(sha256());

    /** One acknowledged WRITE. */
    record Write(long offset, int length, long seed, int iteration) {
        long end() {
            return offset + length;
        }
    }

    final String name;
    final int createdInIteration;
    private final List<Write> writes = new ArrayList<>();
    private long committedLength;
    private String committedSha256 = EMPTY_SHA256;
    private MessageDigest digestAtCommitted = sha256();

    CommittedFile(String name, int createdInIteration) {
        this.name = name;
        this.createdInIteration = createdInIteration;
    }

    /**
     * The bytes of a write. A shorter length gives a prefix of a longer one's bytes (SplittableRandom fills
     * arrays eight bytes at a time, low byte first), which {@link #layout} relies on when it cuts a write.
     */
    static byte[] data(long seed, int length) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    synchronized void logWrite(Write write) {
        writes.add(write);
    }

    /** Records a promise: {@code digestOfPrefix} has seen exactly the first {@code length} bytes. */
    synchronized void commit(long length, MessageDigest digestOfPrefix) {
        if (length < committedLength) {
            throw new IllegalStateException(name + ": committed length went back from " + committedLength + " to " + length);
        }
        digestAtCommitted = copy(digestOfPrefix);
        committedSha256 = hex(copy(digestOfPrefix));
        committedLength = length;
    }

    synchronized long committedLength() {
        return committedLength;
    }

    synchronized String committedSha256() {
        return committedSha256;
    }

    /** A copy of the digest after the committed prefix, for a writer that continues from there. */
    synchronized MessageDigest digestAtCommitted() {
        return copy(digestAtCommitted);
    }

    /**
     * The writes that make up {@code [0, length)}, cut where a later write starts: an iteration that appends
     * starts at the committed length and overwrites whatever uncommitted tail the crashed one left there.
     */
    synchronized List<Write> layout(long length) {
        List<Write> pieces = new ArrayList<>();
        for (Write write : writes) {
            while (!pieces.isEmpty() && pieces.get(pieces.size() - 1).offset() >= write.offset()) {
                pieces.remove(pieces.size() - 1);
            }
            if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).end() > write.offset()) {
                Write cut = pieces.remove(pieces.size() - 1);
                pieces.add(new Write(cut.offset(), (int) (write.offset() - cut.offset()), cut.seed(), cut.iteration()));
            }
            pieces.add(write);
        }
        pieces.removeIf(piece -> piece.offset() >= length);
        return pieces;
    }

    /**
     * Compares what was read with what was written, for the report of a lost or damaged committed byte: where
     * the first difference is, which writes (offset, length, iteration) hold differing bytes, how many, and
     * whether what came back there was zeros (a hole) or other data.
     */
    String describeMismatch(InputStream read) throws IOException {
        long length = committedLength();
        StringBuilder report = new StringBuilder();
        long position = 0;
        long firstDifference = -1;
        for (Write piece : layout(length)) {
            int used = (int) Math.min(piece.length(), length - piece.offset());
            byte[] expected = data(piece.seed(), used);
            byte[] actual = read.readNBytes(used);
            position += actual.length;
            long differing = 0;
            boolean zeros = true;
            for (int i = 0; i < used; i++) {
                byte got = i < actual.length ? actual[i] : 0;
                if (got != expected[i]) {
                    if (firstDifference < 0) {
                        firstDifference = piece.offset() + i;
                        report.append(String.format("first difference at byte %d: expected 0x%02x, read %s%n", firstDifference,
                                expected[i], i < actual.length ? String.format("0x%02x", got) : "nothing (end of file)"));
                    }
                    differing++;
                    zeros &= got == 0;
                }
            }
            if (differing > 0) {
                report.append(String.format("  write at %d, %d bytes (iteration %d): %d bytes differ, read there: %s%n",
                        piece.offset(), used, piece.iteration(), differing, zeros ? "zeros or nothing" : "other data"));
            }
            if (actual.length < used) {
                report.append("  the read ended at byte ").append(position).append(", committed length ").append(length)
                        .append(System.lineSeparator());
                break;
            }
        }
        return report.length() == 0 ? "no byte differs (the SHA-256 recorded at commit time disagrees with the write log)"
                : report.toString();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 of this JDK cannot be cloned", e);
        }
    }
}
