package io.cistern.core.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryItem;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.model.Share;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;

/**
 * What every MetadataService scenario starts from: the service, the probe, four callers, and a fresh directory
 * of its own under the default share's top directory (owned by root, mode 0777, so that everybody may work in
 * it and no test sees another's names). Short forms for the calls the scenarios make most.
 */
final class Fixture {
    static final Caller ROOT = new Caller(0, 0, Set.of());
    static final Caller ALICE = new Caller(1001, 1001, Set.of(100));
    static final Caller BOB = new Caller(1002, 1002, Set.of());
    static final Caller CAROL = new Caller(1003, 100, Set.of());
    static final int USERS = 100;

    private static final AtomicInteger DIRECTORIES = new AtomicInteger();

    final MetadataService fs;
    final FileSystemProbe probe;
    final FileHandle shareRoot;
    /** This scenario's own directory: root's, 0777, neither sticky nor set-group-ID. */
    final FileHandle dir;

    Fixture(MetadataService fs, FileSystemProbe probe) {
        this.fs = fs;
        this.probe = probe;
        this.shareRoot = fs.root(Share.DEFAULT_NAME);
        String name = "test-" + DIRECTORIES.incrementAndGet() + "-" + System.nanoTime();
        this.dir = fs.mkdir(ROOT, shareRoot, bytes(name), 0777).node().handle();
    }

    static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] name) {
        return new String(name, StandardCharsets.UTF_8);
    }

    /** The server's clock, as MetadataService reads it (nanoseconds since the epoch). */
    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Runs {@code operation} and checks that it fails with exactly {@code expected}; returns the failure. */
    static FsException expect(FsError expected, Executable operation) {
        FsException failure = assertThrows(FsException.class, operation, "expected " + expected);
        assertEquals(expected, failure.error(), () -> "expected " + expected + ", got " + failure);
        return failure;
    }

    /** Sleeps past the clock's resolution, so that the next change gets a later time. */
    static void tick() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Attributes create(Caller caller, FileHandle directory, String name) {
        return create(caller, directory, name, 0644);
    }

    Attributes create(Caller caller, FileHandle directory, String name, int mode) {
        return fs.create(caller, directory, bytes(name), mode, CreateMode.GUARDED, 0).node();
    }

    Attributes mkdir(Caller caller, FileHandle directory, String name) {
        return mkdir(caller, directory, name, 0777);
    }

    Attributes mkdir(Caller caller, FileHandle directory, String name, int mode) {
        return fs.mkdir(caller, directory, bytes(name), mode).node();
    }

    /** A file in this scenario's directory, made by {@code caller}. */
    FileHandle file(Caller caller, String name) {
        return create(caller, dir, name).handle();
    }

    /** A subdirectory of this scenario's directory, made by {@code caller}. */
    FileHandle subdirectory(Caller caller, String name, int mode) {
        return mkdir(caller, dir, name, mode).handle();
    }

    Attributes lookup(FileHandle directory, String name) {
        return fs.lookup(ROOT, directory, bytes(name));
    }

    boolean exists(FileHandle directory, String name) {
        try {
            lookup(directory, name);
            return true;
        } catch (FsException e) {
            assertEquals(FsError.NOT_FOUND, e.error(), e::toString);
            return false;
        }
    }

    Attributes attrs(FileHandle handle) {
        return fs.getattr(handle);
    }

    /** The whole listing, page by page, as root. */
    List<DirectoryItem> list(FileHandle directory, int pageSize) {
        List<DirectoryItem> items = new ArrayList<>();
        long cookie = 0;
        for (int pages = 0; pages < 100_000; pages++) {
            DirectoryPage page = fs.readdir(ROOT, directory, cookie, pageSize);
            items.addAll(page.items());
            if (page.end()) {
                return items;
            }
            assertTrue(!page.items().isEmpty(), "a page that is not the end has entries");
            cookie = page.items().get(page.items().size() - 1).cookie();
        }
        throw new AssertionError("the listing never ends");
    }

    /** Name → attributes of every entry, in cookie order. */
    Map<String, Attributes> entries(FileHandle directory) {
        Map<String, Attributes> entries = new LinkedHashMap<>();
        for (DirectoryItem item : list(directory, 1000)) {
            entries.put(text(item.name()), item.attributes());
        }
        return entries;
    }

    List<String> names(FileHandle directory) {
        return new ArrayList<>(entries(directory).keySet());
    }
}
