package io.cistern.batch.jobs;

/**
 * A batch job: its name, what it does, whether it can be started by hand (the upload is started by the server
 * whenever writes wait), the execution running now (null when none), and its newest execution (null when it never
 * ran).
 */
public record JobView(String name, String description, boolean startable, Long runningExecution,
                      ExecutionView lastExecution) {
}
