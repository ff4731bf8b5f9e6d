package io.cistern.core.fs;

/**
 * A directory before and after an operation changed it, for weak cache consistency.
 *
 * @param before the directory's size and times before
 * @param after  all its attributes after
 */
public record DirectoryChange(WccAttributes before, Attributes after) {
}
