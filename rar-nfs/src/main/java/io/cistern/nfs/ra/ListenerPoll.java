package io.cistern.nfs.ra;

import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsListener;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Asks the application every second whether it wants the listener open ({@link NfsListener#listenerEnabled}), on a
 * request worker, and applies the answer with a {@link ListenerSwitch}; the first question goes right after the
 * bind. The answer comes from memory in the application, so a question costs a queue slot and a call, not a
 * database round trip. One question at a time: while one waits in the queue, the next tick asks nothing.
 */
final class ListenerPoll {
    static final long PERIOD_MILLIS = 1_000;

    private final EndpointWorkers workers;
    private final ListenerSwitch listenerSwitch;
    private final Function<ListenerSwitch.State, NfsAdapterEvent> event;
    private final AtomicBoolean asking = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private ListenerPoll(EventLoopGroup group, EndpointWorkers workers, ListenerSwitch listenerSwitch,
                         Function<ListenerSwitch.State, NfsAdapterEvent> event) {
        this.workers = workers;
        this.listenerSwitch = listenerSwitch;
        this.event = event;
        this.task = group.next().scheduleWithFixedDelay(this::ask, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** @param event the report of a state the listener settled in */
    static ListenerPoll start(EventLoopGroup group, EndpointWorkers workers, ListenerSwitch listenerSwitch,
                              Function<ListenerSwitch.State, NfsAdapterEvent> event) {
        return new ListenerPoll(group, workers, listenerSwitch, event);
    }

    private void ask() {
        if (!asking.compareAndSet(false, true)) {
            return;
        }
        if (!workers.submit(this::askAndApply)) {
            asking.set(false);
        }
    }

    private void askAndApply(NfsListener listener) {
        try {
            Boolean wanted = null;
            RuntimeException failure = null;
            try {
                wanted = listener.listenerEnabled();
            } catch (RuntimeException e) {
                failure = e;
            }
            listenerSwitch.apply(wanted, state -> listener.adapterEvent(event.apply(state)));
            if (failure != null) {
                throw failure;   // the worker takes a fresh endpoint, as after any failed call
            }
        } finally {
            asking.set(false);
        }
    }

    void stop() {
        task.cancel(false);
    }
}
