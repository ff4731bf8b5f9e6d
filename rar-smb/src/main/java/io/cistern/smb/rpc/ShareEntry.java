package io.cistern.smb.rpc;

/**
 * One share as srvsvc lists it: SHARE_INFO_1's netname, type and remark ([MS-SRVS] 2.2.4.23).
 *
 * @param name   the share's name
 * @param type   STYPE_DISKTREE, or STYPE_IPC with STYPE_SPECIAL for IPC$ ([MS-SRVS] 2.2.2.4)
 * @param remark a comment, empty when there is none
 */
public record ShareEntry(String name, long type, String remark) {
    public static final long DISK_TREE = 0x0000_0000L;
    public static final long IPC = 0x0000_0003L;
    public static final long SPECIAL = 0x8000_0000L;

    /** The IPC$ share every SMB server has, listed as Windows lists it. */
    public static final ShareEntry IPC_SHARE = new ShareEntry("IPC$", IPC | SPECIAL, "IPC Service");

    public static ShareEntry disk(String name) {
        return new ShareEntry(name, DISK_TREE, "");
    }
}
