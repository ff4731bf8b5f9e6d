package io.cistern.smb.wire;

/**
 * The access mask bits of files, pipes and printers, [MS-SMB2] 2.2.13.1.1 (File_Pipe_Printer_Access_Mask), as
 * TREE_CONNECT's MaximalAccess (2.2.10) and, later, CREATE's DesiredAccess use them. The combinations at the end
 * are the two a share can grant today.
 */
public final class AccessMask {
    public static final int FILE_READ_DATA = 0x0000_0001;
    public static final int FILE_WRITE_DATA = 0x0000_0002;
    public static final int FILE_APPEND_DATA = 0x0000_0004;
    public static final int FILE_READ_EA = 0x0000_0008;
    public static final int FILE_WRITE_EA = 0x0000_0010;
    public static final int FILE_DELETE_CHILD = 0x0000_0040;
    public static final int FILE_EXECUTE = 0x0000_0020;
    public static final int FILE_READ_ATTRIBUTES = 0x0000_0080;
    public static final int FILE_WRITE_ATTRIBUTES = 0x0000_0100;
    public static final int DELETE = 0x0001_0000;
    public static final int READ_CONTROL = 0x0002_0000;
    public static final int WRITE_DAC = 0x0004_0000;
    public static final int WRITE_OWNER = 0x0008_0000;
    public static final int SYNCHRONIZE = 0x0010_0000;
    public static final int ACCESS_SYSTEM_SECURITY = 0x0100_0000;
    public static final int MAXIMUM_ALLOWED = 0x0200_0000;
    public static final int GENERIC_ALL = 0x1000_0000;
    public static final int GENERIC_EXECUTE = 0x2000_0000;
    public static final int GENERIC_WRITE = 0x4000_0000;
    public static final int GENERIC_READ = 0x8000_0000;

    /**
     * Reading and executing: what GENERIC_READ | GENERIC_EXECUTE map to for files (0x001200A9), the most a
     * read-only share grants.
     */
    public static final int READ_AND_EXECUTE = FILE_READ_DATA | FILE_READ_EA | FILE_EXECUTE | FILE_READ_ATTRIBUTES
            | READ_CONTROL | SYNCHRONIZE;

    /** Every specific and standard right on a file (0x001F01FF), what GENERIC_ALL maps to; no system ACL access. */
    public static final int ALL_FILE_RIGHTS = READ_AND_EXECUTE | FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA
            | FILE_DELETE_CHILD | FILE_WRITE_ATTRIBUTES | DELETE | WRITE_DAC | WRITE_OWNER;

    private AccessMask() {
    }
}
