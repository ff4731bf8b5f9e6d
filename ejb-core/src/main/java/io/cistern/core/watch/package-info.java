/**
 * Changes to directories as they commit, for whoever watches them (SMB's CHANGE_NOTIFY): the metadata layer
 * announces each entry added, removed, renamed or modified through {@link io.cistern.core.watch.DirectoryWatches},
 * whatever protocol made it, and writes, which commit no transaction, reach it coalesced through
 * {@link io.cistern.core.watch.WrittenFiles}; the hub depends on nothing else in the application.
 */
package io.cistern.core.watch;
