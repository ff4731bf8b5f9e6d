package io.cistern.core.watch;

/**
 * What a change touches. The numbers are [MS-FSCC] 2.4.42's FILE_NOTIFY_CHANGE_* bits, the only vocabulary any
 * client has for this (NFS has none), so that the SMB adapter passes them through and a watch filters with one AND.
 */
public final class ChangeAspects {
    public static final int FILE_NAME = 0x0001;
    public static final int DIR_NAME = 0x0002;
    public static final int ATTRIBUTES = 0x0004;
    public static final int SIZE = 0x0008;
    public static final int LAST_WRITE = 0x0010;
    public static final int LAST_ACCESS = 0x0020;
    public static final int CREATION = 0x0040;
    public static final int SECURITY = 0x0100;

    private ChangeAspects() {
    }

    /** The name bit for an entry of this kind. */
    public static int name(boolean directory) {
        return directory ? DIR_NAME : FILE_NAME;
    }
}
