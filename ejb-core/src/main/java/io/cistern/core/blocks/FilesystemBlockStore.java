package io.cistern.core.blocks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Blocks as files under a root directory: {@code root/ab/cd/<64 hex>}.
 *
 * <p>A put writes a temp file in the block's own directory, forces it to disk, renames it into place
 * atomically and then forces the directory, so that after a crash a block file is either absent or
 * complete: a reader never sees a torn block under a valid name. Temp files a crash left behind are named
 * {@code .<hex>.<random>.tmp}; they are never listed, and {@link #list()} and
 * {@link #removeStaleTempFiles()} delete those older than {@link #STALE_TEMP_AGE}.
 *
 * <p>Each file is the block's content followed by a {@link BlockFileTrailer} with its CRC32C, so that a read can be
 * checked at memory speed ({@link ChecksummedBlockStore} says why that suffices on a local disk). Files written before
 * trailers existed are content only and still read; their reads are verified against the SHA-256 instead.
 */
public final class FilesystemBlockStore implements ChecksummedBlockStore {
    /** Older than any put in progress can be (a put writes at most 4 MiB), so removing it is safe. */
    static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(FilesystemBlockStore.class.getName());
    private static final String TEMP_SUFFIX = ".tmp";
    /** root, ab, cd, file: the depth of a block file below the root, counting the root's children as 1. */
    private static final int BLOCK_DEPTH = 3;
    private static final String HEX_DIGITS = "0123456789abcdef";

    private final Path root;

    public FilesystemBlockStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw failure("create the store directory for", null, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Where the block's file is (or would be). */
    Path pathOf(BlockHash hash) {
        return root.resolve(hash.shardedPath());
    }

    @Override
    public void put(BlockHash hash, ByteBuffer data) {
        Blocks.checkBlockSize(data);
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return; // content-addressed: the file there already holds exactly these bytes
        }
        Path temp = null;
        try {
            Path directory = shardDirectory(target.getParent());
            temp = Files.createTempFile(directory, "." + hash.hex() + ".", TEMP_SUFFIX);
            writeAndForce(temp, data);
            moveIntoPlace(temp, target);
            temp = null;
            forceDirectory(directory);
        } catch (IOException e) {
            throw failure("write", hash, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Creates {@code ab/cd} when missing and forces the parents, so that the new directory entries are as
     * durable as the block that will be renamed into them.
     */
    private Path shardDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            forceDirectory(directory.getParent());
            forceDirectory(root);
        }
        return directory;
    }

    private static void writeAndForce(Path temp, ByteBuffer data) throws IOException {
        ByteBuffer content = data.duplicate(); // the caller's position stays where it is
        ByteBuffer[] file = {content, BlockFileTrailer.of(content)};
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            while (file[1].hasRemaining()) {
                channel.write(file);
            }
            channel.force(true);
        }
    }

    /**
     * rename(2) replaces an existing target atomically on Linux, so two concurrent puts of one block both
     * succeed and readers see one complete file or the other (the same bytes). A file system that refuses
     * to replace says FileAlreadyExists: the other put won, which is success too.
     */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes a rename or a new entry durable: fsync on the directory itself (opened for reading, as Linux allows). */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Largest piece read at once: the JDK copies through a per-thread direct buffer of the size asked. */
    private static final int READ_PIECE_BYTES = 1024 * 1024;

    /** The block's content, with no check of any kind. */
    @Override
    public byte[] get(BlockHash hash) {
        return getChecksummed(hash).block();
    }

    @Override
    public ChecksummedRead getChecksummed(BlockHash hash) {
        try (FileChannel channel = FileChannel.open(pathOf(hash), StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer trailer = trailerOf(channel, size);
            long contentSize = trailer == null ? size : size - BlockFileTrailer.SIZE;
            if (contentSize > MAX_BLOCK) {
                throw new BlockStoreException(BlockStoreException.Kind.CORRUPT, "block " + hash + " in " + describe()
                        + " is " + contentSize + " bytes, more than a block can be");
            }
            byte[] block = new byte[(int) contentSize];
            if (!readFully(channel, ByteBuffer.wrap(block), 0)) {
                throw new BlockStoreException(BlockStoreException.Kind.CORRUPT, "block " + hash + " in "
                        + describe() + " ended early while being read");
            }
            if (trailer == null) {
                return new ChecksummedRead(block, Checksum.ABSENT);
            }
            return new ChecksummedRead(block, BlockFileTrailer.holds(block, trailer) ? Checksum.HOLDS : Checksum.BROKEN);
        } catch (NoSuchFileException e) {
            throw notFound(hash);
        } catch (IOException e) {
            throw failure("read", hash, e);
        }
    }

    /** The file's trailer, or null when it has none (a file from before trailers, or one too short for one). */
    private static ByteBuffer trailerOf(FileChannel channel, long size) throws IOException {
        if (size < BlockFileTrailer.SIZE) {
            return null;
        }
        ByteBuffer tail = ByteBuffer.allocate(BlockFileTrailer.SIZE);
        if (!readFully(channel, tail, size - BlockFileTrailer.SIZE)) {
            return null;
        }
        tail.flip();
        return BlockFileTrailer.isTrailer(tail) ? tail : null;
    }

    /** Fills {@code into} from {@code position} on, a piece at a time; false when the file ends first. */
    private static boolean readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        int end = into.limit();
        try {
            while (into.position() < end) {
                into.limit(Math.min(end, into.position() + READ_PIECE_BYTES));
                if (channel.read(into, position + into.position()) < 0) {
                    return false;
                }
            }
            return true;
        } finally {
            into.limit(end);
        }
    }

    @Override
    public byte[] get(BlockHash hash, long offset, int length) {
        Blocks.checkRange(offset, length);
        try (FileChannel channel = FileChannel.open(pathOf(hash), StandardOpenOption.READ)) {
            long size = channel.size();
            long contentSize = trailerOf(channel, size) == null ? size : size - BlockFileTrailer.SIZE;
            if (offset >= contentSize) {
                return new byte[0];
            }
            ByteBuffer range = ByteBuffer.allocate((int) Math.min(length, contentSize - offset));
            readFully(channel, range, offset);
            return range.hasRemaining() ? Arrays.copyOf(range.array(), range.position()) : range.array();
        } catch (NoSuchFileException e) {
            throw notFound(hash);
        } catch (IOException e) {
            throw failure("read", hash, e);
        }
    }

    @Override
    public boolean exists(BlockHash hash) {
        return Files.isRegularFile(pathOf(hash));
    }

    /**
     * The directory is not forced afterwards: a block that a crash brings back is unreferenced and the next
     * garbage collection deletes it again.
     */
    @Override
    public void delete(BlockHash hash) {
        try {
            Files.deleteIfExists(pathOf(hash));
        } catch (IOException e) {
            throw failure("delete", hash, e);
        }
    }

    @Override
    public Stream<StoredBlock> list() {
        Stream<Path> walk = walkBlockLevel();
        return Blocks.translatingFailures(walk.flatMap(this::storedBlockAt), this::listingFailure);
    }

    /**
     * In hash order without sorting the whole store: the two directory levels are the hash's first two bytes in
     * lower-case hex, whose string order is the bytes' order, so the walk takes the shard directories in sorted
     * order, skips those wholly at or before {@code after}, and sorts only the names of one leaf directory at a time.
     */
    @Override
    public Stream<StoredBlock> listInOrder(BlockHash after) {
        String from = after == null ? "" : after.hex();
        String fromTop = from.isEmpty() ? "" : from.substring(0, 2);
        String fromSecond = from.isEmpty() ? "" : from.substring(2, 4);
        Stream<StoredBlock> blocks = sortedShards(root, fromTop)
                .flatMap(top -> sortedShards(top, top.getFileName().toString().equals(fromTop) ? fromSecond : ""))
                .flatMap(leaf -> sortedNames(leaf).stream()
                        .filter(name -> name.compareTo(from) > 0)
                        .flatMap(name -> storedBlockAt(leaf.resolve(name))));
        return Blocks.translatingFailures(blocks, this::listingFailure);
    }

    /** The shard directories (two lower-case hex digits) in {@code directory} named {@code notBefore} or later, sorted. */
    private static Stream<Path> sortedShards(Path directory, String notBefore) {
        return sortedNames(directory).stream()
                .filter(name -> isShardName(name) && name.compareTo(notBefore) >= 0)
                .map(directory::resolve)
                .filter(Files::isDirectory);
    }

    /** The names in a directory, sorted; none when it vanished meanwhile (a concurrent cleanup). */
    private static List<String> sortedNames(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes temp files older than {@link #STALE_TEMP_AGE}; returns how many. */
    public int removeStaleTempFiles() {
        try (Stream<Path> walk = walkBlockLevel()) {
            return Blocks.translatingFailures(walk, this::listingFailure)
                    .filter(path -> isTempName(path.getFileName().toString()))
                    .mapToInt(path -> removeIfStale(path) ? 1 : 0)
                    .sum();
        }
    }

    private Stream<Path> walkBlockLevel() {
        try {
            return Files.walk(root, BLOCK_DEPTH)
                    .filter(path -> root.relativize(path).getNameCount() == BLOCK_DEPTH);
        } catch (IOException e) {
            throw failure("list the blocks of", null, e);
        }
    }

    /** The block a file at block depth holds; nothing for temp files (removed when stale) and foreign files. */
    private Stream<StoredBlock> storedBlockAt(Path path) {
        String name = path.getFileName().toString();
        if (isTempName(name)) {
            removeIfStale(path);
            return Stream.empty();
        }
        if (!BlockHash.isHex(name) || !path.equals(pathOf(BlockHash.fromHex(name)))) {
            return Stream.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Stream.of(new StoredBlock(BlockHash.fromHex(name), attributes.size(),
                    attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Stream.empty(); // deleted while we walked
        } catch (IOException e) {
            throw failure("list", BlockHash.fromHex(name), e);
        }
    }

    private static boolean isShardName(String name) {
        return name.length() == 2 && HEX_DIGITS.indexOf(name.charAt(0)) >= 0 && HEX_DIGITS.indexOf(name.charAt(1)) >= 0;
    }

    private static boolean isTempName(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    private static boolean removeIfStale(Path temp) {
        try {
            Instant modified = Files.getLastModifiedTime(temp).toInstant();
            if (modified.isBefore(Instant.now().minus(STALE_TEMP_AGE))) {
                return Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // gone already, or unreadable: the next listing tries again
            LOG.log(Level.FINE, "could not remove stale temp file {0}: {1}", new Object[] {temp, e});
        }
        return false;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove temp file {0} (removed later when stale): {1}",
                    new Object[] {temp, e});
        }
    }

    private BlockStoreException listingFailure(RuntimeException e) {
        if (e instanceof UncheckedIOException unchecked) {
            return failure("list the blocks of", null, unchecked.getCause());
        }
        return new BlockStoreException(BlockStoreException.Kind.IO, "cannot list the blocks of " + describe(), e);
    }

    private BlockStoreException notFound(BlockHash hash) {
        return new BlockStoreException(BlockStoreException.Kind.NOT_FOUND, "block " + hash + " not found in " + describe());
    }

    /**
     * An I/O error as the caller needs it. ENOSPC (and EDQUOT, a quota is a full disk too) is recognised by
     * the strerror text the JDK puts into the exception: Java has no errno, and this text is what Linux gives.
     */
    BlockStoreException failure(String action, BlockHash hash, IOException e) {
        String what = hash == null ? describe() : "block " + hash + " in " + describe();
        if (isOutOfSpace(e)) {
            return new BlockStoreException(BlockStoreException.Kind.NO_SPACE,
                    "no space left on device: cannot " + action + " " + what, e);
        }
        return new BlockStoreException(BlockStoreException.Kind.IO, "cannot " + action + " " + what + ": " + e, e);
    }

    private static boolean isOutOfSpace(IOException e) {
        String text = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        return text != null && (text.contains("No space left on device") || text.contains("Disk quota exceeded"));
    }

    @Override
    public String describe() {
        return "filesystem block store at " + root;
    }

    @Override
    public String toString() {
        return describe();
    }
}
