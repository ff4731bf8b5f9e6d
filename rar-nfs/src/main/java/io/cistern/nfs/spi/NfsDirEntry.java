package io.cistern.nfs.spi;

/**
 * entry3 / entryplus3 (RFC 1813 sections 3.3.16 and 3.3.17): one name of a directory listing. The handle and
 * attributes are there for READDIRPLUS, read in the same pass as the names.
 */
public record NfsDirEntry(long fileId, byte[] name, long cookie, NfsAttributes attributes, byte[] handle) {
}
