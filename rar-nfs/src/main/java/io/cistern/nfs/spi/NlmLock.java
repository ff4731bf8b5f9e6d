package io.cistern.nfs.spi;

/**
 * nlm4_lock (X/Open XNFS, NLM version 4): a byte range of a file as one lock owner asks for it. The owner is the
 * client host ({@code callerName}) with its opaque owner handle and process id; {@code length} 0 means "to the end
 * of the file and beyond".
 */
public record NlmLock(String callerName, byte[] handle, byte[] owner, int svid, long offset, long length) {
}
