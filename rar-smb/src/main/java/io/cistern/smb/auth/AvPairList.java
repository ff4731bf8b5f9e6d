package io.cistern.smb.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An AV_PAIR list, [MS-NLMP] 2.2.2.1: the CHALLENGE_MESSAGE's TargetInfo, echoed (and extended) by the client
 * inside its NTLMv2_CLIENT_CHALLENGE (2.2.2.7). Held without the terminating MsvAvEOL, which {@link #encode()}
 * appends and {@link #decode} requires.
 *
 * @param pairs the pairs in wire order, MsvAvEOL excluded
 */
public record AvPairList(List<AvPair> pairs) {
    public static final int MSV_AV_EOL = 0x0000;
    public static final int MSV_AV_NB_COMPUTER_NAME = 0x0001;
    public static final int MSV_AV_NB_DOMAIN_NAME = 0x0002;
    public static final int MSV_AV_DNS_COMPUTER_NAME = 0x0003;
    public static final int MSV_AV_DNS_DOMAIN_NAME = 0x0004;
    public static final int MSV_AV_DNS_TREE_NAME = 0x0005;
    public static final int MSV_AV_FLAGS = 0x0006;
    public static final int MSV_AV_TIMESTAMP = 0x0007;
    public static final int MSV_AV_SINGLE_HOST = 0x0008;
    public static final int MSV_AV_TARGET_NAME = 0x0009;
    public static final int MSV_AV_CHANNEL_BINDINGS = 0x000A;

    /** MsvAvFlags bit: the client has put a MIC into the AUTHENTICATE_MESSAGE. */
    public static final int AV_FLAG_MIC_PRESENT = 0x00000002;

    /** More than any real TargetInfo; bounds work on a hostile list. */
    static final int MAX_PAIRS = 64;

    /** One AV_PAIR; the value is kept as raw bytes, typed access goes through the list's getters. */
    public record AvPair(int avId, byte[] value) {
        public AvPair {
            if (avId < 0 || avId > 0xFFFF || value.length > 0xFFFF) {
                throw new IllegalArgumentException("AvId or AvLen out of range");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "AvPair[avId=" + avId + ", length=" + value.length + "]";
        }
    }

    public AvPairList {
        pairs = List.copyOf(pairs);
        if (pairs.stream().anyMatch(pair -> pair.avId() == MSV_AV_EOL)) {
            throw new IllegalArgumentException("MsvAvEOL is implicit and may not be listed");
        }
    }

    public static AvPairList empty() {
        return new AvPairList(List.of());
    }

    /** Reads pairs up to MsvAvEOL; bytes after it (the Z(4) padding of 3.3.2's temp) are ignored. */
    public static AvPairList decode(byte[] bytes) throws MalformedTokenException {
        return decode(bytes, 0, bytes.length);
    }

    static AvPairList decode(byte[] bytes, int from, int to) throws MalformedTokenException {
        List<AvPair> pairs = new ArrayList<>();
        int position = from;
        while (true) {
            if (to - position < 4) {
                throw new MalformedTokenException("AV_PAIR list ends without MsvAvEOL");
            }
            int avId = NtlmMessageReader.uint16(bytes, position);
            int avLen = NtlmMessageReader.uint16(bytes, position + 2);
            position += 4;
            if (avLen > to - position) {
                throw new MalformedTokenException("AV_PAIR " + avId + " claims " + avLen + " bytes past the list's end");
            }
            if (avId == MSV_AV_EOL) {
                return new AvPairList(pairs);
            }
            if (pairs.size() == MAX_PAIRS) {
                throw new MalformedTokenException("AV_PAIR list longer than " + MAX_PAIRS + " pairs");
            }
            pairs.add(new AvPair(avId, Arrays.copyOfRange(bytes, position, position + avLen)));
            position += avLen;
        }
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] pairHeader = new byte[4];
        for (AvPair pair : pairs) {
            NtlmMessageWriter.putUInt16(pairHeader, 0, pair.avId());
            NtlmMessageWriter.putUInt16(pairHeader, 2, pair.value.length);
            out.writeBytes(pairHeader);
            out.writeBytes(pair.value);
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    public Optional<byte[]> value(int avId) {
        return pairs.stream().filter(pair -> pair.avId() == avId).findFirst().map(AvPair::value);
    }

    /** A name-valued pair (MsvAvNbComputerName .. MsvAvTargetName), always UTF-16LE on the wire. */
    public Optional<String> string(int avId) {
        return value(avId).map(bytes -> new String(bytes, StandardCharsets.UTF_16LE));
    }

    /** MsvAvTimestamp as a FILETIME (100 ns ticks since 1601-01-01 UTC), if present and 8 bytes long. */
    public OptionalLong timestamp() {
        Optional<byte[]> value = value(MSV_AV_TIMESTAMP);
        return value.isPresent() && value.get().length == 8
                ? OptionalLong.of(NtlmMessageReader.uint64(value.get(), 0)) : OptionalLong.empty();
    }

    /** MsvAvFlags, if present and 4 bytes long. */
    public OptionalInt flags() {
        Optional<byte[]> value = value(MSV_AV_FLAGS);
        return value.isPresent() && value.get().length == 4
                ? OptionalInt.of(NtlmMessageReader.uint32(value.get(), 0)) : OptionalInt.empty();
    }

    /** Builds lists in wire order; name values are encoded UTF-16LE. */
    public static final class Builder {
        private final List<AvPair> pairs = new ArrayList<>();

        public Builder add(int avId, byte[] value) {
            pairs.add(new AvPair(avId, value));
            return this;
        }

        public Builder addString(int avId, String value) {
            return add(avId, value.getBytes(StandardCharsets.UTF_16LE));
        }

        public Builder addTimestamp(long fileTime) {
            byte[] value = new byte[8];
            NtlmMessageWriter.putUInt64(value, 0, fileTime);
            return add(MSV_AV_TIMESTAMP, value);
        }

        public AvPairList build() {
            return new AvPairList(pairs);
        }
    }
}
