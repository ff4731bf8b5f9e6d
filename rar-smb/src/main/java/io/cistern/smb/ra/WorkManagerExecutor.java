package io.cistern.smb.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Netty's event loops as JCA Work, so that every adapter thread is a container thread from the
 * connector thread pool. Netty calls {@link #execute} once per event loop with the whole select loop.
 * scheduleWork, not startWork: Payara's startWork blocks while the pool is full and ignores its start
 * timeout, which froze deployments; the adapter checks instead that each loop really started.
 */
final class WorkManagerExecutor implements Executor {
    private final WorkManager workManager;
    private final String name;
    private final AtomicInteger sequence = new AtomicInteger();

    WorkManagerExecutor(WorkManager workManager, String name) {
        this.workManager = workManager;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        String workName = name + "-" + sequence.incrementAndGet();
        try {
            workManager.scheduleWork(new NamedWork(workName, task));
        } catch (WorkException e) {
            throw new RejectedExecutionException("the WorkManager rejected " + workName + ": " + e.getMessage(), e);
        }
    }

    /** A Work that shows its purpose in the thread name while it runs. */
    static final class NamedWork implements Work {
        private final String name;
        private final Runnable task;

        NamedWork(String name, Runnable task) {
            this.name = name;
            this.task = task;
        }

        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            String poolName = thread.getName();
            thread.setName(poolName + " [" + name + "]");
            try {
                task.run();
            } finally {
                thread.setName(poolName);
                // pooled container thread: do not leave Netty's thread-locals behind
                io.netty.util.concurrent.FastThreadLocal.removeAll();
            }
        }

        /** Event loops and workers are stopped by the adapter itself, not by the container. */
        @Override
        public void release() {
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
