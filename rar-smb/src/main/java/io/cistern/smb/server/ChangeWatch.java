package io.cistern.smb.server;

import io.cistern.smb.spi.SmbChange;
import io.cistern.smb.spi.SmbChangeSink;
import io.cistern.smb.wire.FileNotifyInformation;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.Smb2ChangeNotifyResponse;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes one directory open is told about, from its first CHANGE_NOTIFY until it is closed ([MS-SMB2] 3.3.1.10
 * and 3.3.5.19, as Windows keeps them): the application calls {@link #changed} on the thread that committed them,
 * and everything else runs on the connection's event loop. Changes that come while no request waits are buffered,
 * up to the OutputBufferLength of the open's first request (Windows sizes its buffer by it); past that the buffer
 * is dropped and the next request answers STATUS_NOTIFY_ENUM_DIR ("list it again"), as it does when the changes
 * do not fit the request's own OutputBufferLength. The CompletionFilter and SMB2_WATCH_TREE of the first request
 * choose what is kept; each request's own filter chooses what it is answered with.
 */
final class ChangeWatch implements SmbChangeSink {
    /** What the connection holds at most per open, whatever the first request asked. */
    static final int MAX_BUFFER_BYTES = NegotiateResponder.MAX_TRANSACT_SIZE;

    private record Buffered(FileNotifyInformation entry, int filter) {
    }

    private final Channel channel;
    private final int keptFilter;
    private final int capacityBytes;
    private final List<Buffered> buffered = new ArrayList<>();
    private final Deque<PendingNotify> waiting = new ArrayDeque<>();
    private int bufferedBytes;
    private boolean overflowed;
    private boolean closed;
    private boolean deletePending;
    /** The turn the next request takes, and the turn whose request is taken next ({@link #inTurn}). */
    private long turnsGiven;
    private long turnsTaken;
    /** Requests ready before the requests ahead of them, by turn. */
    private final Map<Long, Runnable> early = new HashMap<>();

    ChangeWatch(Channel channel, int completionFilter, int outputBufferLength) {
        this.channel = channel;
        this.keptFilter = completionFilter;
        this.capacityBytes = Math.min(Math.max(outputBufferLength, 0), MAX_BUFFER_BYTES);
    }

    /**
     * A turn for a request just come: requests go through a worker before they reach the watch, and must reach it in
     * the order they came (smbtorture's smb2.notify.double: of two requests, the first is answered first).
     */
    long nextTurn() {
        return turnsGiven++;
    }

    /** Runs {@code request} once the requests of every earlier turn have run (or given their turn up, with nothing). */
    void inTurn(long turn, Runnable request) {
        early.put(turn, request);
        Runnable next;
        while ((next = early.remove(turnsTaken)) != null) {
            turnsTaken++;
            next.run();
        }
    }

    /** Any thread: queued for the event loop. */
    @Override
    public void changed(List<SmbChange> changes) {
        EventLoopHandOff.run(channel, () -> add(changes));
    }

    /** A request on the event loop: answered at once from the buffer, or left waiting. */
    void request(FileRequests files, FileRequests.Call call, int completionFilter, int outputBufferLength) {
        if (deletePending) {
            files.error(call, NtStatus.STATUS_DELETE_PENDING);
        } else if (!answerNow(files, call, completionFilter, outputBufferLength)) {
            new PendingNotify(files, this, completionFilter, outputBufferLength).begin(call);
        }
    }

    /**
     * Any thread: the directory was marked for deletion by another open's close, and goes with the last open. Waiting
     * requests, and those that come later, answer STATUS_DELETE_PENDING, as Windows does (smbtorture smb2.notify.rmdir).
     */
    void deletePending() {
        EventLoopHandOff.run(channel, () -> {
            deletePending = true;
            PendingNotify pending;
            while ((pending = waiting.pollFirst()) != null) {
                pending.end(NtStatus.STATUS_DELETE_PENDING);
            }
        });
    }

    /** Called by a request that went asynchronous. */
    void waiting(PendingNotify pending) {
        if (closed) {
            pending.cleanup();
        } else {
            waiting.addLast(pending);
        }
    }

    /** The open is closed: waiting requests answer STATUS_NOTIFY_CLEANUP, and nothing is kept any more. */
    void close() {
        closed = true;
        buffered.clear();
        PendingNotify pending;
        while ((pending = waiting.pollFirst()) != null) {
            pending.cleanup();
        }
    }

    boolean closed() {
        return closed;
    }

    void add(List<SmbChange> changes) {
        if (closed) {
            return;
        }
        for (SmbChange change : changes) {
            if (overflowed || (change.filter() & keptFilter) == 0) {
                continue;   // once overflowed, the ENUM_DIR answer covers every change until it goes
            }
            FileNotifyInformation entry = new FileNotifyInformation(action(change.action()),
                    String.join("\\", change.path()));
            bufferedBytes += entry.alignedSize();
            buffered.add(new Buffered(entry, change.filter()));
            if (bufferedBytes > capacityBytes) {
                overflow();
            }
        }
        PendingNotify pending;
        while ((pending = waiting.peekFirst()) != null && (overflowed || !buffered.isEmpty())) {
            waiting.pollFirst();
            if (!pending.finished() && !answer(pending)) {
                waiting.addFirst(pending);
                return;
            }
        }
    }

    private boolean answerNow(FileRequests files, FileRequests.Call call, int completionFilter, int outputBufferLength) {
        Outcome outcome = outcome(completionFilter, outputBufferLength);
        if (outcome == null) {
            return false;
        }
        if (outcome.chain() == null) {
            files.error(call, NtStatus.STATUS_NOTIFY_ENUM_DIR);
        } else {
            files.reply(call, NtStatus.STATUS_SUCCESS, new Smb2ChangeNotifyResponse(outcome.chain())::encode);
        }
        return true;
    }

    /** Answers a waiting request from the buffer; false when nothing in it passes the request's filter. */
    private boolean answer(PendingNotify pending) {
        Outcome outcome = outcome(pending.completionFilter(), pending.outputBufferLength());
        if (outcome == null) {
            return false;
        }
        if (outcome.chain() == null) {
            pending.end(NtStatus.STATUS_NOTIFY_ENUM_DIR);
        } else {
            pending.reply(NtStatus.STATUS_SUCCESS, new Smb2ChangeNotifyResponse(outcome.chain())::encode);
        }
        return true;
    }

    /** The FILE_NOTIFY_INFORMATION chain to answer with; a null chain for STATUS_NOTIFY_ENUM_DIR. */
    private record Outcome(byte[] chain) {
    }

    /** What a request with this filter and length is answered now, taken from the buffer; null: nothing yet. */
    private Outcome outcome(int completionFilter, int outputBufferLength) {
        if (overflowed) {
            overflowed = false;
            return new Outcome(null);
        }
        List<FileNotifyInformation> entries = take(completionFilter);
        if (entries.isEmpty()) {
            return null;
        }
        if (FileNotifyInformation.chainSize(entries) > outputBufferLength) {
            return new Outcome(null);
        }
        return new Outcome(FileNotifyInformation.encodeAll(entries));
    }

    /** The buffered changes that pass {@code filter}; the buffer is emptied, as one answer empties Windows'. */
    private List<FileNotifyInformation> take(int filter) {
        List<FileNotifyInformation> entries = new ArrayList<>();
        for (Buffered change : buffered) {
            if ((change.filter() & filter) != 0) {
                entries.add(change.entry());
            }
        }
        if (!entries.isEmpty()) {
            buffered.clear();
            bufferedBytes = 0;
        }
        return entries;
    }

    private void overflow() {
        overflowed = true;
        buffered.clear();
        bufferedBytes = 0;
    }

    static int action(SmbChange.Action action) {
        return switch (action) {
            case ADDED -> FileNotifyInformation.ACTION_ADDED;
            case REMOVED -> FileNotifyInformation.ACTION_REMOVED;
            case MODIFIED -> FileNotifyInformation.ACTION_MODIFIED;
            case RENAMED_OLD_NAME -> FileNotifyInformation.ACTION_RENAMED_OLD_NAME;
            case RENAMED_NEW_NAME -> FileNotifyInformation.ACTION_RENAMED_NEW_NAME;
        };
    }
}
