package io.cistern.smb.ra;

import io.cistern.smb.server.SmbRequestExecutor;
import io.cistern.smb.spi.SmbListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fixed set of request workers, each a long-lived Work holding one message endpoint (and so at most
 * one MDB instance) for the whole activation. Workers take requests from one shared queue, so a slow request
 * holds up only its own worker.
 */
final class EndpointWorkers implements SmbRequestExecutor {
    private static final Logger LOG = Logger.getLogger(EndpointWorkers.class.getName());
    private static final long POLL_MILLIS = 200;

    private final WorkManager workManager;
    private final MessageEndpointFactory endpointFactory;
    private final int workers;
    private final BlockingQueue<Consumer<SmbListener>> queue;
    private final CountDownLatch started;
    private final CountDownLatch finished;
    private volatile boolean running = true;

    EndpointWorkers(WorkManager workManager, MessageEndpointFactory endpointFactory, int workers, int queueCapacity) {
        this.workManager = workManager;
        this.endpointFactory = endpointFactory;
        this.workers = workers;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.started = new CountDownLatch(workers);
        this.finished = new CountDownLatch(workers);
    }

    /** Starts every worker, or fails with a message that names the cause when the pool cannot run them all. */
    void start(long timeoutMillis) throws ResourceException {
        try {
            for (int i = 0; i < workers; i++) {
                workManager.scheduleWork(new WorkManagerExecutor.NamedWork("smb-worker-" + i, this::work));
            }
            if (!started.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                running = false;
                throw new ResourceException("SMB adapter: only " + (workers - started.getCount()) + " of " + workers
                        + " request workers started within " + timeoutMillis + " ms: connector thread pool exhausted"
                        + " (size it >= IoThreads + Workers + headroom)");
            }
        } catch (WorkException e) {
            running = false;
            throw new ResourceException("SMB adapter: the WorkManager rejected a request worker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            throw new ResourceException("SMB adapter: interrupted while starting request workers", e);
        }
    }

    @Override
    public boolean submit(Consumer<SmbListener> task) {
        return running && queue.offer(task);
    }

    /**
     * Stops taking requests, lets the workers finish what is already queued, and releases their endpoints.
     */
    void stop(long timeoutMillis) {
        running = false;
        try {
            if (!finished.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning("SMB adapter: " + finished.getCount() + " request workers still busy after " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    private void work() {
        started.countDown();
        MessageEndpoint endpoint = null;
        try {
            while (running || !queue.isEmpty()) {
                Consumer<SmbListener> task = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (task == null) {
                    continue;
                }
                if (endpoint == null) {
                    endpoint = endpointFactory.createEndpoint(null);
                }
                if (!runTask(task, (SmbListener) endpoint)) {
                    // the container may have discarded the bean behind this endpoint: take a fresh one
                    endpoint.release();
                    endpoint = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "SMB request worker stopped", e);
        } finally {
            if (endpoint != null) {
                endpoint.release();
            }
            finished.countDown();
        }
    }

    private static boolean runTask(Consumer<SmbListener> task, SmbListener listener) {
        try {
            task.accept(listener);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SMB request failed in the application", e);
            return false;
        }
    }
}
