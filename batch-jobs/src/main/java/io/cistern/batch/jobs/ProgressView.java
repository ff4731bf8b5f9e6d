package io.cistern.batch.jobs;

/**
 * How far an execution is: the step it is in (or ended in), the items that step has done in this run of the job (the
 * executions it restarted included; as of the last checkpoint), the total where it is known beforehand (null
 * otherwise), and the rates in this execution, over the step's time so far: items, and bytes where items are blocks.
 */
public record ProgressView(String step, String stepStatus, long itemsDone, Long itemsTotal, double itemsPerSecond,
                           double bytesPerSecond) {
}
