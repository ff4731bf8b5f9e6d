package io.cistern.core.it;

import static io.cistern.core.it.Fixture.bytes;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * One thread of the stress run. It works in two shared directories, A and B, mostly on names only it uses
 * (so every one of those operations must succeed, and it knows exactly which of its names must exist at the
 * end and which of them name the same file), and now and then on a few names all threads fight over, where
 * EXISTS and NOT_FOUND are the only acceptable failures. Anything else is recorded as a failure.
 */
final class StressWorker implements Callable<StressWorker> {
    static final String SHARED_PREFIX = "shared-";
    private static final int SHARED_NAMES = 4;
    private static final int FAILURES_KEPT = 20;

    private final int id;
    private final Caller caller;
    private final MetadataService fs;
    private final FileHandle[] dirs;
    private final int operations;
    private final Random random;

    /** "A/name" or "B/name" → the number of the file that name must lead to. */
    private final Map<String, Integer> files = new HashMap<>();
    private final Map<Integer, FileHandle> handles = new HashMap<>();
    /** "A/name" or "B/name" of this thread's (empty) subdirectories. */
    private final Set<String> directories = new TreeSet<>();
    private final List<String> failures = new ArrayList<>();
    private int failureCount;
    private int sharedConflicts;
    private int nextName;
    private int nextFile;
    private String current;

    StressWorker(int id, Caller caller, MetadataService fs, FileHandle a, FileHandle b, int operations) {
        this.id = id;
        this.caller = caller;
        this.fs = fs;
        this.dirs = new FileHandle[] {a, b};
        this.operations = operations;
        this.random = new Random(1000L + id);
    }

    @Override
    public StressWorker call() {
        for (int i = 0; i < operations; i++) {
            try {
                step();
            } catch (RuntimeException | Error e) {
                failureCount++;
                if (failures.size() < FAILURES_KEPT) {
                    failures.add("thread " + id + " op " + i + " " + current + ": " + describe(e));
                }
            }
        }
        return this;
    }

    Map<String, Integer> files() {
        return files;
    }

    Set<String> directories() {
        return directories;
    }

    List<String> failures() {
        return failures;
    }

    int failureCount() {
        return failureCount;
    }

    int sharedConflicts() {
        return sharedConflicts;
    }

    private void step() {
        int roll = random.nextInt(100);
        if (roll < 25 || files.size() < 2) {
            create();
        } else if (roll < 37) {
            renameFile(false);
        } else if (roll < 49) {
            renameFile(true);
        } else if (roll < 61) {
            remove();
        } else if (roll < 69) {
            link();
        } else if (roll < 77) {
            replace();
        } else if (roll < 83 || directories.isEmpty()) {
            mkdir();
        } else if (roll < 89) {
            moveDirectory();
        } else if (roll < 93) {
            rmdir();
        } else {
            contend();
        }
    }

    private void create() {
        String key = freshKey(random.nextInt(2));
        current = "create " + key;
        FileHandle handle = fs.create(caller, dir(key), name(key), 0644, CreateMode.GUARDED, 0).node().handle();
        int file = nextFile++;
        handles.put(file, handle);
        files.put(key, file);
        verify(file);
    }

    private void renameFile(boolean across) {
        String from = pick(files.keySet());
        int fromDir = dirIndex(from);
        String to = freshKey(across ? 1 - fromDir : fromDir);
        current = "rename " + from + " -> " + to;
        fs.rename(caller, dir(from), name(from), dir(to), name(to));
        int file = files.remove(from);
        files.put(to, file);
        verifyAbsent(from);
        verify(file);
    }

    private void remove() {
        String key = pick(files.keySet());
        current = "remove " + key;
        fs.remove(caller, dir(key), name(key));
        int file = files.remove(key);
        verifyAbsent(key);
        verify(file);
    }

    private void link() {
        String existing = pick(files.keySet());
        String key = freshKey(random.nextInt(2));
        current = "link " + existing + " as " + key;
        int file = files.get(existing);
        fs.link(caller, handles.get(file), dir(key), name(key));
        files.put(key, file);
        verify(file);
    }

    /** A rename over another of this thread's names; over another name of the same file it does nothing. */
    private void replace() {
        String from = pick(files.keySet());
        String to = pick(files.keySet());
        if (from.equals(to)) {
            return;
        }
        current = "rename " + from + " over " + to;
        fs.rename(caller, dir(from), name(from), dir(to), name(to));
        int moved = files.get(from);
        int replaced = files.get(to);
        if (moved != replaced) {
            files.put(to, files.remove(from));
            verifyAbsent(from);
            verify(replaced);
        }
        verify(moved);
    }

    private void mkdir() {
        String key = freshKey(random.nextInt(2));
        current = "mkdir " + key;
        fs.mkdir(caller, dir(key), name(key), 0755);
        directories.add(key);
        verifyDirectory(key);
    }

    private void moveDirectory() {
        String from = pick(directories);
        int toDir = 1 - dirIndex(from);
        // half of the moves keep the name, which no other thread uses
        String to = random.nextBoolean() ? freshKey(toDir) : (toDir == 0 ? "A" : "B") + from.substring(1);
        current = "move directory " + from + " -> " + to;
        fs.rename(caller, dir(from), name(from), dir(to), name(to));
        directories.remove(from);
        directories.add(to);
        verifyAbsent(from);
        verifyDirectory(to);
    }

    private void rmdir() {
        String key = pick(directories);
        current = "rmdir " + key;
        fs.rmdir(caller, dir(key), name(key));
        directories.remove(key);
        verifyAbsent(key);
    }

    /** The few names every thread uses: only EXISTS and NOT_FOUND may come back. */
    private void contend() {
        FileHandle here = dirs[random.nextInt(2)];
        byte[] name = bytes(SHARED_PREFIX + random.nextInt(SHARED_NAMES));
        int roll = random.nextInt(10);
        try {
            if (roll < 4) {
                current = "create " + Fixture.text(name) + " (shared)";
                fs.create(caller, here, name, 0666, CreateMode.GUARDED, 0);
            } else if (roll < 7) {
                current = "remove " + Fixture.text(name) + " (shared)";
                fs.remove(caller, here, name);
            } else {
                byte[] target = bytes(SHARED_PREFIX + random.nextInt(SHARED_NAMES));
                current = "rename " + Fixture.text(name) + " -> " + Fixture.text(target) + " (shared)";
                fs.rename(caller, here, name, dirs[random.nextInt(2)], target);
            }
        } catch (FsException e) {
            if (e.error() != FsError.EXISTS && e.error() != FsError.NOT_FOUND) {
                throw e;
            }
            sharedConflicts++;
        }
    }

    /**
     * Reads back, through the service's cached read paths (GETATTR and LOOKUP outside a transaction), what this
     * thread just did to a file only it touches: its link count and one of its names; or STALE once it has none.
     */
    private void verify(int file) {
        FileHandle handle = handles.get(file);
        List<String> names = files.entrySet().stream().filter(e -> e.getValue() == file).map(Map.Entry::getKey)
                .sorted().toList();
        if (names.isEmpty()) {
            try {
                fs.getattr(handle);
            } catch (FsException e) {
                if (e.error() == FsError.STALE) {
                    return;
                }
                throw e;
            }
            throw new AssertionError("check after " + current + ": file " + file + " has no name left, but getattr works");
        }
        int nlink = fs.getattr(handle).nlink();
        if (nlink != names.size()) {
            throw new AssertionError("check after " + current + ": getattr says nlink " + nlink + ", names " + names);
        }
        String name = names.get(random.nextInt(names.size()));
        var found = fs.lookup(caller, dir(name), name(name));
        if (found.inodeId() != handle.inodeId() || found.nlink() != names.size()) {
            throw new AssertionError("check after " + current + ": lookup " + name + " gives " + found
                    + ", expected inode " + handle.inodeId() + " with nlink " + names.size());
        }
    }

    private void verifyDirectory(String key) {
        var found = fs.lookup(caller, dir(key), name(key));
        if (found.type() != io.cistern.core.fs.FileType.DIRECTORY || found.nlink() != 2) {
            throw new AssertionError("check after " + current + ": lookup " + key + " gives " + found);
        }
    }

    private void verifyAbsent(String key) {
        try {
            var found = fs.lookup(caller, dir(key), name(key));
            throw new AssertionError("check after " + current + ": " + key + " is gone, but lookup gives " + found);
        } catch (FsException e) {
            if (e.error() != FsError.NOT_FOUND) {
                throw e;
            }
        }
    }

    private String freshKey(int dirIndex) {
        return (dirIndex == 0 ? "A" : "B") + "/t" + id + "-" + nextName++;
    }

    private String pick(Set<String> keys) {
        List<String> all = new ArrayList<>(keys);
        all.sort(null);   // HashMap order must not decide what a seeded run does
        return all.get(random.nextInt(all.size()));
    }

    private FileHandle dir(String key) {
        return dirs[dirIndex(key)];
    }

    private static int dirIndex(String key) {
        return key.charAt(0) == 'A' ? 0 : 1;
    }

    private static byte[] name(String key) {
        return bytes(key.substring(2));
    }

    /** The exception and its causes, so that "deadlock detected" from PostgreSQL shows through EJB wrapping. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage()).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("Exception [EclipseLink"))
                    .limit(3).reduce((a, b) -> a + " | " + b).orElse("");
            text.append(text.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                    .append(message);
        }
        return text.toString();
    }
}
