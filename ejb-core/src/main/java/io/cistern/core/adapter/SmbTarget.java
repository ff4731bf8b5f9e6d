package io.cistern.core.adapter;

import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;

/** An SMB request's file and who it runs as. */
record SmbTarget(FileHandle handle, Caller caller) {
}
