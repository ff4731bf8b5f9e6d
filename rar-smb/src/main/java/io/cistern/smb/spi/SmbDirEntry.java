package io.cistern.smb.spi;

/**
 * One name in a directory listing.
 *
 * @param name   the entry's name as stored (the adapter matches patterns against it case-insensitively)
 * @param cookie where a listing continues after this entry
 * @param info   the entry's attributes, read in the same pass as the name
 */
public record SmbDirEntry(String name, long cookie, SmbFileInfo info) {
}
