package io.cistern.core.stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * What a filesystem store's directory must be: absolute, a directory this server can write (made if it is missing),
 * and apart from every other store's directory. Two stores sharing a directory, or one inside the other, would share
 * block files while each counted its own references: garbage collection of one would delete the other's blocks.
 */
final class StoreDirectories {
    private StoreDirectories() {
    }

    /** The directory {@code given} names, as a normalized absolute path; not touched yet. */
    static Path absolute(String given) {
        if (given == null || given.isBlank()) {
            throw StoreException.invalid("directory", "a filesystem store needs a directory");
        }
        Path directory;
        try {
            directory = Path.of(given);
        } catch (InvalidPathException e) {
            throw StoreException.invalid("directory", "not a path: " + e.getReason());
        }
        if (!directory.isAbsolute()) {
            throw StoreException.invalid("directory", "the directory must be an absolute path");
        }
        return directory.normalize();
    }

    /** Makes {@code directory} if it is missing and checks that the server can write in it. */
    static void makeWritable(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".cistern-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw StoreException.invalid("directory", "the directory cannot be made or written by the server: "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    /** The first of {@code others} that is {@code directory}, holds it or lies within it. */
    static Optional<Path> overlapping(Path directory, Collection<Path> others) {
        Path real = real(directory);
        return others.stream().filter(other -> {
            Path otherReal = real(other);
            return real.startsWith(otherReal) || otherReal.startsWith(real);
        }).findFirst();
    }

    /** The path with links resolved as far as it exists, so that a link to another store's directory is seen. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }
}
