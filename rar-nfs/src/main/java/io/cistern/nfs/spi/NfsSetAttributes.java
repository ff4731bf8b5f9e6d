package io.cistern.nfs.spi;

/** sattr3 (RFC 1813 section 2.6): the attributes a SETATTR or a create sets; null leaves one as it is. */
public record NfsSetAttributes(Integer mode, Integer uid, Integer gid, Long size, NfsTimeSet atime, NfsTimeSet mtime) {
    public static final NfsSetAttributes NONE = new NfsSetAttributes(null, null, null, null,
            NfsTimeSet.DONT_CHANGE, NfsTimeSet.DONT_CHANGE);

    public NfsSetAttributes {
        atime = atime == null ? NfsTimeSet.DONT_CHANGE : atime;
        mtime = mtime == null ? NfsTimeSet.DONT_CHANGE : mtime;
    }
}
