package io.cistern.nfs.spi;

/** nlm4_holder (X/Open XNFS): the lock that conflicts with a TEST, as the client is told about it. */
public record NlmHolder(boolean exclusive, int svid, byte[] owner, long offset, long length) {
}
