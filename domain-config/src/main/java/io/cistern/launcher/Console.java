package io.cistern.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The launcher's own lines on the terminal. Everything else (Payara, PostgreSQL, zonky's logging) goes to
 * files under {@code <data>/logs}. Writes to the real file descriptors, so that nothing that replaces
 * System.out can swallow them.
 */
final class Console {
    private static final PrintStream OUT = stream(FileDescriptor.out);
    private static final PrintStream ERR = stream(FileDescriptor.err);

    private Console() {
    }

    static void info(String line) {
        OUT.println(line);
    }

    static void error(String line) {
        ERR.println(line);
    }

    private static PrintStream stream(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, Charset.defaultCharset());
    }
}
