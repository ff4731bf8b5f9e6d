package io.cistern.nfs.nlm;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import io.cistern.nfs.spi.NlmTestReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The NLM half of the application: records every call with its arguments and answers what the test set. */
public class RecordingNlmListener extends UnsupportedNfsListener {
    /** One call; {@code subject} is the lock, share or host name, flags as far as the method has them. */
    public record Call(String method, NfsCaller caller, Object subject, boolean exclusive, boolean block,
                       boolean reclaim, NlmGrantCallback whenGranted) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public volatile NlmStatus status = NlmStatus.GRANTED;
    public volatile NlmTestReply testReply = new NlmTestReply(NlmStatus.GRANTED, null);
    /** The application's NSM state number, as STAT, MON and UNMON report it. */
    public volatile int nsmState = 41;

    public List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    @Override
    public void ping(NfsCaller caller) {
        calls.add(new Call("ping", caller, null, false, false, false, null));
    }

    @Override
    public NlmTestReply nlmTest(NfsCaller caller, NlmLock lock, boolean exclusive) {
        calls.add(new Call("nlmTest", caller, lock, exclusive, false, false, null));
        return testReply;
    }

    @Override
    public NlmStatus nlmLock(NfsCaller caller, NlmLock lock, boolean exclusive, boolean block, boolean reclaim,
                             NlmGrantCallback whenGranted) {
        calls.add(new Call("nlmLock", caller, lock, exclusive, block, reclaim, whenGranted));
        return status;
    }

    @Override
    public NlmStatus nlmCancel(NfsCaller caller, NlmLock lock, boolean exclusive) {
        calls.add(new Call("nlmCancel", caller, lock, exclusive, false, false, null));
        return status;
    }

    @Override
    public NlmStatus nlmUnlock(NfsCaller caller, NlmLock lock) {
        calls.add(new Call("nlmUnlock", caller, lock, false, false, false, null));
        return status;
    }

    @Override
    public NlmStatus nlmShare(NfsCaller caller, NlmShare share, boolean reclaim) {
        calls.add(new Call("nlmShare", caller, share, false, false, reclaim, null));
        return status;
    }

    @Override
    public NlmStatus nlmUnshare(NfsCaller caller, NlmShare share) {
        calls.add(new Call("nlmUnshare", caller, share, false, false, false, null));
        return status;
    }

    @Override
    public int nsmState() {
        return nsmState;
    }

    @Override
    public void nlmFreeAll(NfsCaller caller, String callerName) {
        calls.add(new Call("nlmFreeAll", caller, callerName, false, false, false, null));
    }
}
