package io.cistern.nfs.nlm;

import static io.cistern.nfs.nlm.NlmProgramTest.LOCK;
import static io.cistern.nfs.nlm.wire.WireRecords.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.nlm.client.RpcTransport;
import io.cistern.nfs.nlm.client.XdrBytes;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NlmGrantCallback;
import io.cistern.nfs.spi.NlmStatus;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Telling a client that its blocked lock is granted (synchronous GRANTED), against a scripted network: which answers
 * end it, which are retried, and when the lock is released again because nobody took it.
 */
class NlmGrantDeliveryTest {
    private static final long TIMEOUT_MS = 600;
    private static final long SLOT_MS = TIMEOUT_MS / NlmCallbacks.GRANT_ATTEMPTS;
    private static final NfsCaller CALLER = NfsCaller.anonymous(new InetSocketAddress("192.0.2.20", 1001));

    private final RecordingNlmListener application = new RecordingNlmListener();
    private final ScriptedRpcClient network = new ScriptedRpcClient();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger submitted = new AtomicInteger();
    private final NlmCallbacks callbacks = new NlmCallbacks(network, timers, task -> {
        submitted.incrementAndGet();
        task.accept(application);
        return true;
    }, 111, TIMEOUT_MS);

    @AfterEach
    void close() {
        timers.shutdownNow();
    }

    private List<ScriptedRpcClient.Call> grants() {
        return network.nlmCalls().stream().filter(call -> call.procedure() == NlmProgram.PROC_GRANTED).toList();
    }

    @Test
    void anAcceptedGrantIsSentOnceToTheCallersLockManagerAndKeepsTheLock() throws Exception {
        callbacks.grantCallback(CALLER, false).granted(LOCK, false);
        Await.until("GRANTED", 2_000, () -> !grants().isEmpty());
        Thread.sleep(TIMEOUT_MS + 100);

        assertEquals(1, grants().size());
        ScriptedRpcClient.Call grant = grants().get(0);
        assertEquals(new InetSocketAddress(CALLER.client().getAddress(), 4045), grant.server().address());
        assertEquals(RpcTransport.TCP, grant.server().transport());
        Nlm4TestArgs args = XdrBytes.decode(grant.arguments(), Nlm4TestArgs::decode);
        assertEquals(render(LOCK), render(args.lock()));
        assertFalse(args.exclusive());
        assertEquals(0, submitted.get(), "the application was not called again");
    }

    @Test
    void aRefusedGrantIsReleasedAtOnceForTheCallerThatLocked() throws Exception {
        network.grantAnswers = List.of(NlmStatus.DENIED);
        long start = System.nanoTime();
        callbacks.grantCallback(CALLER, false).granted(LOCK, true);
        Await.until("the lock released", 2_000, () -> !application.calls("nlmUnlock").isEmpty());

        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(SLOT_MS), "no retry of a refusal");
        assertEquals(1, grants().size());
        RecordingNlmListener.Call unlock = application.calls("nlmUnlock").get(0);
        assertEquals(CALLER, unlock.caller());
        assertEquals(render(LOCK), render(unlock.subject()));
    }

    @Test
    void anUnreachableClientIsTriedThreeTimesASlotApartThenReleased() throws Exception {
        network.script = ScriptedRpcClient::refused;
        callbacks.grantCallback(CALLER, false).granted(LOCK, true);
        Await.until("the lock released", 3 * TIMEOUT_MS, () -> !application.calls("nlmUnlock").isEmpty());

        List<ScriptedRpcClient.Call> asked = network.calls;
        assertEquals(NlmCallbacks.GRANT_ATTEMPTS, asked.size(), "one portmapper query per attempt");
        assertTrue(asked.stream().allMatch(ScriptedRpcClient.Call::isGetport));
        for (int i = 1; i < asked.size(); i++) {
            long apart = TimeUnit.NANOSECONDS.toMillis(asked.get(i).atNanos() - asked.get(i - 1).atNanos());
            assertTrue(apart >= SLOT_MS - 20, "attempts " + (i - 1) + " and " + i + " only " + apart + " ms apart");
        }
        assertEquals(1, application.calls("nlmUnlock").size());
    }

    @Test
    void aClientWithoutARegisteredLockManagerIsAnUnreachableOne() throws Exception {
        network.tcpPort = 0;
        network.udpPort = 0;
        callbacks.grantCallback(CALLER, false).granted(LOCK, true);
        Await.until("the lock released", 3 * TIMEOUT_MS, () -> !application.calls("nlmUnlock").isEmpty());
        assertEquals(2 * NlmCallbacks.GRANT_ATTEMPTS, network.calls.size(), "TCP then UDP asked, three times");
        assertTrue(grants().isEmpty());
    }

    @Test
    void theUdpLockManagerIsUsedWhenNoTcpOneIsRegistered() throws Exception {
        network.tcpPort = 0;
        callbacks.grantCallback(CALLER, false).granted(LOCK, true);
        Await.until("GRANTED", 2_000, () -> !grants().isEmpty());
        assertEquals(new InetSocketAddress(CALLER.client().getAddress(), 4046), grants().get(0).server().address());
        assertEquals(RpcTransport.UDP, grants().get(0).server().transport());
    }

    @Test
    void aClientInItsGracePeriodIsAskedAgainAndMayThenAccept() throws Exception {
        network.grantAnswers = List.of(NlmStatus.DENIED_GRACE_PERIOD, NlmStatus.GRANTED);
        callbacks.grantCallback(CALLER, false).granted(LOCK, true);
        Await.until("a second GRANTED", 2 * TIMEOUT_MS, () -> grants().size() == 2);
        Thread.sleep(TIMEOUT_MS);
        assertEquals(2, grants().size());
        assertTrue(application.calls("nlmUnlock").isEmpty());
    }

    @Test
    void onlyTheFirstGrantOfACallbackCounts() throws Exception {
        NlmGrantCallback callback = callbacks.grantCallback(CALLER, false);
        callback.granted(LOCK, true);
        callback.granted(LOCK, true);
        Thread.sleep(SLOT_MS);
        assertEquals(1, grants().size());
    }

    @Test
    void afterCloseNothingIsSentAndNothingReleased() throws Exception {
        network.script = ScriptedRpcClient::refused;
        NlmGrantCallback late = callbacks.grantCallback(CALLER, false);
        callbacks.grantCallback(CALLER, false).granted(LOCK, true);
        Await.until("a first attempt", 2_000, () -> !network.calls.isEmpty());
        callbacks.close();
        late.granted(LOCK, true);
        Thread.sleep(TIMEOUT_MS + 100);
        assertEquals(1, network.calls.size(), "the attempt under way was the last");
        assertEquals(0, submitted.get(), "no application to release it to");
    }
}
