package io.cistern.nfs.spi;

/** nlm4_testres (X/Open XNFS): GRANTED when the lock could be taken, DENIED with the holder that prevents it. */
public record NlmTestReply(NlmStatus status, NlmHolder holder) {
}
