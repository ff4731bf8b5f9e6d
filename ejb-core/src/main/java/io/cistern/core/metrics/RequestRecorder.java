package io.cistern.core.metrics;

/** Where an adapter's answering code reports each request it answered: how long it took and how it ended. */
@FunctionalInterface
public interface RequestRecorder {
    /** Records nothing, for code run outside the container (unit tests). */
    RequestRecorder NONE = (operation, nanos, failure) -> { };

    /**
     * @param operation the procedure or command, as the protocol names it (READ, CREATE, ...)
     * @param nanos     time spent answering it in the application
     * @param failure   null when it succeeded, else the status it was answered with
     */
    void record(String operation, long nanos, String failure);

    /** This recorder, then {@code after} for every request recorded. */
    default RequestRecorder andThen(Runnable after) {
        return (operation, nanos, failure) -> {
            record(operation, nanos, failure);
            after.run();
        };
    }
}
