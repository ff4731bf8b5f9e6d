package io.cistern.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The records of a running Cistern's {@code logs/server.log}, read from an offset taken before a test's work, since
 * the file is appended to across runs. Payara writes its ODL format, in which a record starts with
 * {@code [time] [} and goes on over the following lines (a multi-line message, a stack trace).
 * <p>
 * The launcher's {@code ServerLogAnalysis} reads the same format, but line by line for what a start needs, and it
 * is private to the launcher's package.
 */
final class ServerLogRecords {
    private static final Pattern RECORD_START = Pattern.compile("^\\[\\d{4}-\\d\\d-\\d\\dT[^\\]]*\\] \\[");

    private final Path log;

    ServerLogRecords(Path dataDirectory) {
        this.log = dataDirectory.resolve("logs/server.log");
    }

    /** Where the next record will start: the offset to read from later. */
    long size() throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }

    /** Every record written from {@code offset} on, each with its continuation lines. */
    List<String> since(long offset) throws IOException {
        String text;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        List<String> records = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (RECORD_START.matcher(line).find()) {
                if (current != null) {
                    records.add(current.toString());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            records.add(current.toString());
        }
        return records;
    }

    /** Whether a record's header names the level, e.g. {@code SEVERE}. */
    static boolean hasLevel(String record, String level) {
        return record.lines().findFirst().orElse("").contains("] [" + level + "] [");
    }

    static String firstLines(String record, int count) {
        return record.lines().limit(count).collect(Collectors.joining("\n"));
    }
}
