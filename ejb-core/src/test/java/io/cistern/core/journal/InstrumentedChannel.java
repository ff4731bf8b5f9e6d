package io.cistern.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A segment file channel that the tests can watch and break: it tells how far each file had been written
 * when a force that has returned began (so a test can prove a sync returned only after its record was
 * forced), it can make every force slow, and it can run out of disk space after a budget of bytes by which the
 * files may grow.
 */
final class InstrumentedChannel extends FileChannel {
    /** What the tests see and set, shared by every channel the opener makes. */
    static final class Disk {
        private final Map<Path, AtomicLong> written = new ConcurrentHashMap<>();
        private final Map<Path, AtomicLong> forced = new ConcurrentHashMap<>();
        /** Bytes that may still be written before writes fail with ENOSPC; negative: no limit. */
        final AtomicLong spaceLeft = new AtomicLong(-1);
        volatile long forceDelayNanos;
        /** Every force fails with an I/O error, as an fdatasync that lost pages does. */
        volatile boolean failForces;

        ChannelOpener opener() {
            return (path, createNew) -> new InstrumentedChannel(path, ChannelOpener.FILES.open(path, createNew), this);
        }

        /** The end of the bytes of {@code path} that a completed force had covered. */
        long forcedEnd(Path path) {
            return forced.computeIfAbsent(path, p -> new AtomicLong()).get();
        }

        private AtomicLong written(Path path) {
            return written.computeIfAbsent(path, p -> new AtomicLong());
        }
    }

    private final Path path;
    private final FileChannel file;
    private final Disk disk;

    private InstrumentedChannel(Path path, FileChannel file, Disk disk) {
        this.path = path;
        this.file = file;
        this.disk = disk;
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        long wanted = 0;
        for (int i = offset; i < offset + length; i++) {
            wanted += sources[i].remaining();
        }
        long allowed = takeSpace(file.position(), wanted);
        long done;
        if (allowed == wanted) {
            done = file.write(sources, offset, length);
        } else {
            done = writeSome(sources, offset, length, allowed);
        }
        disk.written(path).accumulateAndGet(file.position(), Math::max);
        return done;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return (int) write(new ByteBuffer[] {source}, 0, 1);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        long allowed = takeSpace(position, source.remaining());
        ByteBuffer part = source.duplicate();
        part.limit(part.position() + (int) allowed);
        int done = file.write(part, position);
        source.position(source.position() + done);
        disk.written(path).accumulateAndGet(position + done, Math::max);
        return done;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        long coveredEnd = disk.written(path).get();
        if (disk.failForces) {
            throw new IOException("Input/output error (injected)");
        }
        if (disk.forceDelayNanos > 0) {
            LockSupport.parkNanos(disk.forceDelayNanos);
        }
        file.force(metaData);
        disk.forced.computeIfAbsent(path, p -> new AtomicLong()).accumulateAndGet(coveredEnd, Math::max);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        long before = file.size();
        file.truncate(size);
        long freed = before - file.size();
        disk.spaceLeft.getAndUpdate(left -> left < 0 ? left : left + freed);
        disk.written(path).accumulateAndGet(size, Math::min);
        return this;
    }

    /**
     * How many of {@code wanted} bytes at {@code position} fit. As on a real disk, bytes written over the file's own
     * take no space; the file's growth takes it from the budget. None at all is ENOSPC, as write(2) reports it.
     */
    private long takeSpace(long position, long wanted) throws IOException {
        long inside = Math.max(0, Math.min(wanted, file.size() - position));
        long growth = wanted - inside;
        while (true) {
            long left = disk.spaceLeft.get();
            if (left < 0 || growth == 0) {
                return wanted;
            }
            if (left == 0) {
                if (inside > 0) {
                    return inside;
                }
                throw new IOException("No space left on device");
            }
            long allowed = Math.min(left, growth);
            if (disk.spaceLeft.compareAndSet(left, left - allowed)) {
                return inside + allowed;
            }
        }
    }

    private long writeSome(ByteBuffer[] sources, int offset, int length, long allowed) throws IOException {
        long done = 0;
        for (int i = offset; i < offset + length && done < allowed; i++) {
            ByteBuffer part = sources[i].duplicate();
            part.limit(part.position() + (int) Math.min(part.remaining(), allowed - done));
            int written = file.write(part);
            sources[i].position(sources[i].position() + written);
            done += written;
        }
        return done;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return file.read(target);
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        return file.read(targets, offset, length);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return file.read(target, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        throw new UnsupportedOperationException("not used by the journal");
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        throw new UnsupportedOperationException("not used by the journal");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException("not used by the journal");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        throw new UnsupportedOperationException("not used by the journal");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        throw new UnsupportedOperationException("not used by the journal");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
