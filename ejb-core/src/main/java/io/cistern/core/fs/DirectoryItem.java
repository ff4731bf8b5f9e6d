package io.cistern.core.fs;

/**
 * One entry of a directory listing.
 *
 * @param cookie     where a listing continues after this entry
 * @param name       the name's bytes
 * @param attributes the child's attributes
 */
public record DirectoryItem(long cookie, byte[] name, Attributes attributes) {
}
