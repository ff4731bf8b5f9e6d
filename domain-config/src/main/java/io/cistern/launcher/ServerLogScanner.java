package io.cistern.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows {@code server.log} from where it ended when this run's Payara was started (the file is appended to
 * across runs) and feeds complete lines to a {@link ServerLogAnalysis}.
 */
final class ServerLogScanner {
    private final Path log;
    private final ServerLogAnalysis analysis = new ServerLogAnalysis();
    private final StringBuilder partialLine = new StringBuilder();
    private long offset;

    private ServerLogScanner(Path log, long offset) {
        this.log = log;
        this.offset = offset;
    }

    /** Starts at the current end of the file: only lines written from now on count. */
    static ServerLogScanner fromEndOf(Path log) {
        long size;
        try {
            size = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            size = 0;
        }
        return new ServerLogScanner(log, size);
    }

    /** Reads what was appended since the last call. */
    ServerLogAnalysis poll() {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            int read;
            while ((read = channel.read(buffer, offset)) > 0) {
                offset += read;
                buffer.flip();
                feed(StandardCharsets.UTF_8.decode(buffer).toString());
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            // not written yet
        } catch (IOException e) {
            // try again at the next poll
        }
        return analysis;
    }

    private void feed(String chunk) {
        partialLine.append(chunk);
        int newline;
        while ((newline = partialLine.indexOf("\n")) >= 0) {
            analysis.accept(partialLine.substring(0, newline));
            partialLine.delete(0, newline + 1);
        }
    }
}
