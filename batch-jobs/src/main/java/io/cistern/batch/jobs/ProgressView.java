package io.cistern.batch.jobs;

/**
 * How far an execution is: the step it is in (or ended in), the items that step has done in this audit, collection or
 * upload run (its restarted executions included; as of the last checkpoint), the total where it is known
 * beforehand (null otherwise), and the rate over the step's time in this execution.
 */
public record ProgressView(String step, String stepStatus, long itemsDone, Long itemsTotal, double itemsPerSecond) {
}
