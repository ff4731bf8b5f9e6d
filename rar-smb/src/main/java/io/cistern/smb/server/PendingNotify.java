package io.cistern.smb.server;

import io.cistern.smb.spi.SmbFileStatus;
import io.cistern.smb.spi.SmbFileInfo;
import io.cistern.smb.spi.SmbInfoReply;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.wire.NtStatus;

/**
 * A CHANGE_NOTIFY waiting for its directory to change ([MS-SMB2] 3.3.5.19), through any protocol: the directory's
 * last-write and change times, which every entry added, removed or renamed in it moves, are compared with what the
 * open's previous watch saw (or, for its first, with what they were when the request came), every
 * {@link #MAX_PAUSE_MILLIS} at most, so that a change between two watches is not lost. A change is answered STATUS_NOTIFY_ENUM_DIR:
 * the application keeps no log of which names changed, and that status tells the client to list the directory again
 * ([MS-CIFS] 3.2.5.40.3), which is what Explorer and the other clients do with it. A closed open ends the wait with
 * STATUS_NOTIFY_CLEANUP.
 */
final class PendingNotify extends AsyncWait<SmbInfoReply> {
    static final long FIRST_PAUSE_MILLIS = 200;
    static final long MAX_PAUSE_MILLIS = 1_000;

    private final SmbOpen directory;
    private final SmbFileInfo before;

    private PendingNotify(FileRequests files, SmbOpen directory, SmbFileInfo before) {
        super(files, directory, FIRST_PAUSE_MILLIS, MAX_PAUSE_MILLIS);
        this.directory = directory;
        this.before = before;
    }

    /** Whether the directory's entries changed between two looks at it. */
    static boolean changed(SmbFileInfo before, SmbFileInfo now) {
        return now.lastWriteTime() != before.lastWriteTime() || now.changeTime() != before.changeTime();
    }

    /** On the event loop, with what the watch compares against: the request goes asynchronous and waits. */
    static void start(FileRequests files, FileRequests.Call call, SmbOpen directory, SmbFileInfo before) {
        new PendingNotify(files, directory, before).begin(call);
    }

    @Override
    SmbInfoReply look(FileRequests.Call call, SmbListener listener) {
        return listener.fileInfo(call.caller(), call.user(), directory.handle());
    }

    @Override
    boolean answered(SmbInfoReply now) {
        if (now.status() == SmbFileStatus.TRY_LATER) {
            return false;
        }
        if (now.status() != SmbFileStatus.OK) {
            // the directory went away: that is a change too, and the listing will say what became of it
            end(NtStatus.STATUS_NOTIFY_ENUM_DIR);
        } else if (changed(before, now.info())) {
            directory.watchedState(now.info());
            end(NtStatus.STATUS_NOTIFY_ENUM_DIR);
        } else {
            return false;
        }
        return true;
    }

    @Override
    int statusWhenClosed() {
        return NtStatus.STATUS_NOTIFY_CLEANUP;
    }
}
