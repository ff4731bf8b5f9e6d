package io.cistern.core.watch;

import java.util.List;

/**
 * One change of an entry under a watched directory.
 *
 * @param kind    what became of the name
 * @param path    the name relative to the watched directory (one component for the directory's own entry, more for
 *                an entry deeper down)
 * @param aspects what the change touches, as the bits of {@link ChangeAspects}
 */
public record EntryChange(Kind kind, List<String> path, int aspects) {
    public enum Kind { ADDED, REMOVED, MODIFIED, RENAMED_OLD_NAME, RENAMED_NEW_NAME }

    public EntryChange {
        path = List.copyOf(path);
    }
}
