package io.cistern.nfs.ra;

import jakarta.resource.ResourceException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes the listener's sockets as the application wants them ({@code listenerEnabled}), and reports
 * each state the listener settles in once. Starts open: the activation bound the sockets, so that a taken port is a
 * deployment error. {@link #retire} ends it for good when the activation ends, so that an answer still on its way
 * cannot bind again.
 */
final class ListenerSwitch {
    private static final Logger LOG = Logger.getLogger(ListenerSwitch.class.getName());

    enum State { LISTENING, DISABLED }

    /** The listener's sockets: all of them close, and open again where they were first bound. */
    interface Sockets {
        void open() throws ResourceException;

        /** Stops accepting, then closes every connection. */
        void close();
    }

    private final String name;
    private final Sockets sockets;
    private boolean open = true;
    private boolean retired;
    /** The state last reported; null before the first report. */
    private State reported;
    /** Whether the last attempt to bind again failed, so that a port taken meanwhile is logged once, not every second. */
    private boolean openFailing;

    ListenerSwitch(String name, Sockets sockets) {
        this.name = name;
        this.sockets = sockets;
    }

    /**
     * Opens or closes the sockets as {@code wanted} says (null: the application did not answer, nothing changes),
     * then hands the state to {@code report} if it was not reported yet. A report that throws is made again on the
     * next call; a bind that fails leaves the listener DISABLED and is tried again on the next call.
     */
    synchronized void apply(Boolean wanted, Consumer<State> report) {
        if (retired) {
            return;
        }
        if (wanted != null && wanted != open) {
            if (wanted) {
                reopen();
            } else {
                sockets.close();
                open = false;
                LOG.info(() -> name + " listener switched off: its sockets and connections are closed");
            }
        }
        State now = open ? State.LISTENING : State.DISABLED;
        if (now != reported) {
            report.accept(now);
            reported = now;
        }
    }

    private void reopen() {
        try {
            sockets.open();
            open = true;
            openFailing = false;
            LOG.info(() -> name + " listener switched on again");
        } catch (ResourceException | RuntimeException e) {
            if (!openFailing) {
                LOG.log(Level.WARNING, name + " listener could not bind again; trying every second: " + e.getMessage());
            }
            openFailing = true;
        }
    }

    synchronized boolean isOpen() {
        return open && !retired;
    }

    /** The activation ends: closes the sockets if they are open, and ignores every later answer. */
    synchronized void retire() {
        if (open && !retired) {
            sockets.close();
        }
        retired = true;
    }
}
