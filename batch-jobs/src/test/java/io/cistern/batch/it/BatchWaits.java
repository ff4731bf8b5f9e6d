package io.cistern.batch.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for job executions and conditions, with a limit that fails the test. */
final class BatchWaits {
    private BatchWaits() {
    }

    /** The execution's final status, once it has one. */
    static BatchStatus awaitEnd(long execution, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            BatchStatus status = BatchRuntime.getJobOperator().getJobExecution(execution).getBatchStatus();
            if (status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                    || status == BatchStatus.ABANDONED) {
                return status;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("execution " + execution + " still " + status + " after " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + ": not within " + limit);
            }
            Thread.sleep(100);
        }
    }
}
