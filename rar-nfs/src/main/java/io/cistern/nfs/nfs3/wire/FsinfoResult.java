package io.cistern.nfs.nfs3.wire;

import io.cistern.nfs.spi.NfsFsInfoReply;

/**
 * What FSINFO3res (RFC 1813 section 3.3.19) carries: the application's answer about the file system plus the
 * transfer sizes, which are the adapter's to state because the adapter is what enforces them. All sizes are bytes.
 */
public record FsinfoResult(NfsFsInfoReply reply, int rtmax, int rtpref, int rtmult, int wtmax, int wtpref,
                           int wtmult, int dtpref) {
}
