package io.cistern.nfs.spi;

/**
 * nlm4_share (X/Open XNFS): a DOS-style share reservation on a whole file. {@code mode} is fsh4_mode (0 deny none,
 * 1 deny read, 2 deny write, 3 deny read and write), {@code access} fsh4_access (0 none, 1 read, 2 write, 3 both).
 */
public record NlmShare(String callerName, byte[] handle, byte[] owner, int mode, int access) {
}
