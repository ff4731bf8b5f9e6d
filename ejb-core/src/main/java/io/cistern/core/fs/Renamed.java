package io.cistern.core.fs;

/**
 * The two directories of a RENAME before and after (the same directory twice when it stayed in place).
 *
 * @param from the directory the name left
 * @param to   the directory the name arrived in
 */
public record Renamed(DirectoryChange from, DirectoryChange to) {
}
