package io.cistern.core.fs;

/**
 * The result of an operation that made or changed a node in a directory.
 *
 * @param node      the node's attributes afterwards (its handle is {@code node.handle()})
 * @param directory the directory before and after
 */
public record NodeChange(Attributes node, DirectoryChange directory) {
}
