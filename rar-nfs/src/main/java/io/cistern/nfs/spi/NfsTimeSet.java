package io.cistern.nfs.spi;

/** set_atime / set_mtime (RFC 1813 section 2.6): leave a time, set it to the server's clock, or to the client's. */
public record NfsTimeSet(How how, long nanos) {
    public enum How { DONT_CHANGE, SERVER_TIME, CLIENT_TIME }

    public static final NfsTimeSet DONT_CHANGE = new NfsTimeSet(How.DONT_CHANGE, 0);
    public static final NfsTimeSet SERVER_TIME = new NfsTimeSet(How.SERVER_TIME, 0);

    public static NfsTimeSet client(long nanos) {
        return new NfsTimeSet(How.CLIENT_TIME, nanos);
    }
}
