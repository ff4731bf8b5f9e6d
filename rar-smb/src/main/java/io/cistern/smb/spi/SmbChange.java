package io.cistern.smb.spi;

import java.util.List;

/**
 * One change under a watched directory, as the application tells it ({@link SmbChangeSink}).
 *
 * @param action what became of the name
 * @param path   the name relative to the watched directory: one component for an entry of the directory itself,
 *               more for one deeper down (a watch of the subtree)
 * @param filter the FILE_NOTIFY_CHANGE_* bits of [MS-FSCC] 2.4.42 (the numbers CHANGE_NOTIFY's CompletionFilter uses)
 *               this change falls under, as constants below
 */
public record SmbChange(Action action, List<String> path, int filter) {
    public static final int FILE_NAME = 0x0001;
    public static final int DIR_NAME = 0x0002;
    public static final int ATTRIBUTES = 0x0004;
    public static final int SIZE = 0x0008;
    public static final int LAST_WRITE = 0x0010;
    public static final int LAST_ACCESS = 0x0020;
    public static final int CREATION = 0x0040;
    public static final int SECURITY = 0x0100;

    public enum Action { ADDED, REMOVED, MODIFIED, RENAMED_OLD_NAME, RENAMED_NEW_NAME }

    public SmbChange {
        path = List.copyOf(path);
    }
}
