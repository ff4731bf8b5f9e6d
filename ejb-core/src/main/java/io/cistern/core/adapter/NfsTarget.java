package io.cistern.core.adapter;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;

/**
 * What an NFS request acts on, with the identity it acts as there: the identity depends on the handle's share
 * (its squash rules and allowed networks), so the two are only ever resolved together.
 *
 * @param handle the decoded, verified handle
 * @param caller the identity after the share's squash rules
 */
record NfsTarget(FileHandle handle, Caller caller) {
}
