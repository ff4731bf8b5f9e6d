package io.cistern.nfs.spi;

/** Every reply the application gives the adapter carries the NFS status it is answered with. */
public interface NfsReply {
    NfsStatus status();
}
