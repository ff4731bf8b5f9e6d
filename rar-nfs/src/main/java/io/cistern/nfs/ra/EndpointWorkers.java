package io.cistern.nfs.ra;

import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.spi.NfsListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fixed set of request workers, each a long-lived Work holding one message endpoint (and so at most
 * one MDB instance) for the whole activation. Workers take calls from one shared queue, so a slow call
 * holds up only its own worker. Each I/O thread that asks for calls answered from memory gets an endpoint of its
 * own too, taken on its first such call and kept until the activation ends: an endpoint serves one thread at a time.
 */
final class EndpointWorkers implements RequestExecutor {
    private static final Logger LOG = Logger.getLogger(EndpointWorkers.class.getName());
    private static final long POLL_MILLIS = 200;

    private final WorkManager workManager;
    private final MessageEndpointFactory endpointFactory;
    private final int workers;
    private final BlockingQueue<Consumer<NfsListener>> queue;
    private final CountDownLatch started;
    private final CountDownLatch finished;
    private volatile boolean running = true;
    /** The I/O threads' own endpoints ({@link #runOnIoThread}); released by {@link #stop}. */
    private final Map<Thread, MessageEndpoint> ioThreadEndpoints = new ConcurrentHashMap<>();

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
                workManager.scheduleWork(new WorkManagerExecutor.NamedWork("nfs-worker-" + i, this::work));
            }
            if (!started.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                running = false;
                throw new ResourceException("NFS adapter: only " + (workers - started.getCount()) + " of " + workers
                        + " request workers started within " + timeoutMillis + " ms: connector thread pool exhausted"
                        + " (size it >= IoThreads + Workers + headroom)");
            }
        } catch (WorkException e) {
            running = false;
            throw new ResourceException("NFS adapter: the WorkManager rejected a request worker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            throw new ResourceException("NFS adapter: interrupted while starting request workers", e);
        }
    }

    @Override
    public boolean submit(Consumer<NfsListener> task) {
        return running && queue.offer(task);
    }

    @Override
    public <R> R runOnIoThread(Function<NfsListener, R> attempt) {
        if (!running) {
            return null;
        }
        Thread thread = Thread.currentThread();
        MessageEndpoint endpoint = ioThreadEndpoints.get(thread);
        try {
            if (endpoint == null) {
                endpoint = endpointFactory.createEndpoint(null);
                ioThreadEndpoints.put(thread, endpoint);
            }
            return attempt.apply((NfsListener) endpoint);
        } catch (ResourceException | RuntimeException e) {
            // the worker the call now goes to answers it, or fails it with the container's reason in the log
            LOG.log(Level.FINE, "NFS: no answer from memory on " + thread.getName(), e);
            if (endpoint != null && ioThreadEndpoints.remove(thread, endpoint)) {
                endpoint.release();   // the container may have discarded the bean behind it
            }
            return null;
        }
    }

    /** Stops taking calls, lets the workers finish what is queued, and releases their endpoints. */
    void stop(long timeoutMillis) {
        running = false;
        try {
            if (!finished.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning("NFS adapter: " + finished.getCount() + " request workers still busy after " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ioThreadEndpoints.values().forEach(MessageEndpoint::release);
        ioThreadEndpoints.clear();
        queue.clear();
    }

    private void work() {
        started.countDown();
        MessageEndpoint endpoint = null;
        try {
            while (true) {
                Consumer<NfsListener> task = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (task == null) {
                    if (!running) {
                        break;   // stopped and drained: what was queued before stop() has run
                    }
                    continue;
                }
                if (endpoint == null) {
                    endpoint = endpointFactory.createEndpoint(null);
                }
                if (!runTask(task, (NfsListener) endpoint)) {
                    // the container may have discarded the bean behind this endpoint: take a fresh one
                    endpoint.release();
                    endpoint = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "NFS request worker stopped", e);
        } finally {
            if (endpoint != null) {
                endpoint.release();
            }
            finished.countDown();
        }
    }

    private static boolean runTask(Consumer<NfsListener> task, NfsListener listener) {
        try {
            task.accept(listener);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "NFS request failed in the application", e);
            return false;
        }
    }
}
