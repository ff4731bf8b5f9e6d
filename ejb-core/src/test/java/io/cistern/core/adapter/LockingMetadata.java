package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.PosixRules;

/**
 * FakeMetadata with the write check the real service makes before a WRITE (which needs the share from the
 * database there): a regular file, a writable share, and write permission unless the caller owns the file. Can
 * also be made to fail unexpectedly, as a database outage would.
 */
class LockingMetadata extends FakeMetadata {
    boolean readOnlyShare;
    boolean broken;

    Attributes file(String name, int mode, int uid) {
        return add(root(), name, FileType.REGULAR, mode, uid);
    }

    /** Changes a file's mode behind the client's back, as another client's chmod would. */
    void chmod(Attributes file, int mode) {
        inodes.put(file.inodeId(), node(file.inodeId(), file.type(), mode, file.uid(), file.size()));
    }

    @Override
    public Attributes checkRead(Caller caller, FileHandle handle) {
        if (broken) {
            throw new IllegalStateException("the database is down");
        }
        return super.checkRead(caller, handle);
    }

    @Override
    public Attributes checkWrite(Caller caller, FileHandle handle) {
        Attributes file = getattr(handle);
        if (file.type() != FileType.REGULAR) {
            throw new FsException(file.type() == FileType.DIRECTORY ? FsError.IS_DIRECTORY : FsError.INVALID,
                    "not a regular file");
        }
        if (readOnlyShare) {
            throw new FsException(FsError.READ_ONLY, "the share is read-only");
        }
        if (caller.uid() != file.uid()) {
            PosixRules.requireAccess(caller, file.permissions(), PosixRules.WRITE, "write this file");
        }
        return file;
    }
}
