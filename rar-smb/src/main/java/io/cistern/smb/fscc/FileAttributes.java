package io.cistern.smb.fscc;

/** File attribute bits, [MS-FSCC] 2.6, the ones this server reports or accepts. */
public final class FileAttributes {
    public static final int READONLY = 0x0000_0001;
    public static final int HIDDEN = 0x0000_0002;
    public static final int SYSTEM = 0x0000_0004;
    public static final int DIRECTORY = 0x0000_0010;
    public static final int ARCHIVE = 0x0000_0020;
    public static final int NORMAL = 0x0000_0080;
    public static final int TEMPORARY = 0x0000_0100;

    private FileAttributes() {
    }
}
