package io.cistern.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncRequestsTest {
    @Test
    void aCancelByMessageIdEndsTheWaitingRequestItNames() {
        AsyncRequests requests = new AsyncRequests();
        AtomicInteger cancelled = new AtomicInteger();
        long asyncId = requests.register(7, 42, cancelled::incrementAndGet);
        assertTrue(requests.cancelByMessageId(7, 42));
        assertEquals(1, cancelled.get());
        assertFalse(requests.cancelledEarly(7, 42), "a request that was waiting is not remembered as cancelled early");
        requests.finished(asyncId);
        assertEquals(0, requests.size());
    }

    /** smbtorture smb2.compound.interim1: the CANCEL can arrive while the CHANGE_NOTIFY still runs synchronously. */
    @Test
    void aCancelOfARequestNotYetAsynchronousIsFoundWhenItGoesAsynchronous() {
        AsyncRequests requests = new AsyncRequests();
        assertFalse(requests.cancelByMessageId(7, 42), "nothing waits yet");
        assertFalse(requests.cancelledEarly(8, 42), "another session's request");
        assertFalse(requests.cancelledEarly(7, 43), "another request");
        assertTrue(requests.cancelledEarly(7, 42));
        assertFalse(requests.cancelledEarly(7, 42), "found once");
    }

    @Test
    void earlyCancelsAreBounded() {
        AsyncRequests requests = new AsyncRequests();
        for (long messageId = 1; messageId <= 100; messageId++) {
            requests.cancelByMessageId(7, messageId);
        }
        assertFalse(requests.cancelledEarly(7, 1), "the oldest were forgotten");
        assertTrue(requests.cancelledEarly(7, 100));
        assertTrue(requests.cancelledEarly(7, 37));
        assertFalse(requests.cancelledEarly(7, 36));
    }
}
