package io.cistern.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Makes sure only one launcher runs on a data directory: an exclusive lock on {@code <data>/cistern.lock}.
 * The operating system drops the lock when the process dies, so a crash never leaves a lock behind.
 * <p>
 * Two traps are avoided here:
 * <ul>
 * <li>Java's file locks are POSIX record locks on Linux: closing <em>any</em> descriptor of the file in this
 * process releases the lock. So the file is never opened a second time while locked (not even to read it);
 * only its metadata is looked at.</li>
 * <li>On release the file is deleted while still locked, so that no lock file stays behind. A launcher that
 * opened the file just before could then lock a file that no longer has a name. To catch that, the file's
 * identity (device and inode) is read before opening and after locking; they must be the same.</li>
 * </ul>
 */
final class InstanceLock implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static InstanceLock acquire(Path file) {
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                InstanceLock held = tryOnce(file);
                if (held != null) {
                    return held;
                }
            }
        } catch (IOException e) {
            throw new LauncherException("cannot lock " + file + ": " + DataDirectory.reason(e));
        }
        throw alreadyRunning(file);
    }

    /** The lock; null when the file changed identity meanwhile (try again); fails when another holds it. */
    private static InstanceLock tryOnce(Path file) throws IOException {
        Object identityBefore = identity(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM already
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw alreadyRunning(file);
        }
        if (identityBefore != null && Objects.equals(identityBefore, identity(file))) {
            return new InstanceLock(file, channel, lock);
        }
        channel.close(); // created just now, or replaced meanwhile: lock the file the path names now
        return null;
    }

    /** Device and inode of the file, read without opening it; null when there is none. */
    private static Object identity(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static LauncherException alreadyRunning(Path file) {
        return new LauncherException("another Cistern launcher is already running on data directory "
                + file.getParent() + " (it holds " + file + ")");
    }

    /** Deletes the lock file, then releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an unlocked file left behind is harmless: the next launcher locks it again
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ends soon; the operating system releases the lock then at the latest
        }
    }
}
