package io.cistern.core.fs;

/**
 * How SETATTR changes one time: not at all, to the server's clock, or to a time the client gives.
 *
 * @param kind  which of the three
 * @param nanos the client's time, nanoseconds since the epoch (CLIENT only)
 */
public record TimeChange(Kind kind, long nanos) {
    public enum Kind { KEEP, SERVER, CLIENT }

    public static final TimeChange KEEP = new TimeChange(Kind.KEEP, 0);
    public static final TimeChange SERVER = new TimeChange(Kind.SERVER, 0);

    public static TimeChange client(long nanos) {
        return new TimeChange(Kind.CLIENT, nanos);
    }
}
