package io.cistern.core.payload;

import java.io.Serializable;

/**
 * The space of one share: {@code logicalBytes} is what its files hold (holes excluded), {@code uniqueBytes}
 * what their distinct blocks take, once each. {@code dedupRatio} is logical / unique, 1.0 for an empty share.
 */
public record ShareUsage(long logicalBytes, long uniqueBytes, double dedupRatio, long fileCount)
        implements Serializable {

    static ShareUsage of(long logicalBytes, long uniqueBytes, long fileCount) {
        double ratio = uniqueBytes == 0 ? 1.0 : (double) logicalBytes / uniqueBytes;
        return new ShareUsage(logicalBytes, uniqueBytes, ratio, fileCount);
    }
}
