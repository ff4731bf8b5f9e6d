package io.cistern.core.stats;

import io.cistern.core.model.ShareStatistics;
import java.io.Serializable;
import java.time.Instant;

/**
 * One share's space as last computed: {@code logicalBytes} is what its uploaded files hold (holes excluded),
 * {@code uniqueBytes} what their distinct blocks take once each, {@code blocks} how many distinct blocks that is,
 * {@code files} its regular files; {@code dedupRatio} is logical / unique (1.0 for an empty share).
 */
public record ShareFigures(long shareId, String share, long logicalBytes, long uniqueBytes, long files, long blocks,
                           double dedupRatio, Instant computedAt) implements Serializable {

    public static ShareFigures of(long shareId, String share, long logicalBytes, long uniqueBytes, long files,
                                  long blocks, Instant computedAt) {
        double ratio = uniqueBytes == 0 ? 1.0 : (double) logicalBytes / uniqueBytes;
        return new ShareFigures(shareId, share, logicalBytes, uniqueBytes, files, blocks, ratio, computedAt);
    }

    static ShareFigures of(ShareStatistics row) {
        return of(row.getShareId(), row.getShareName(), row.getLogicalBytes(), row.getUniqueBytes(), row.getFiles(),
                row.getBlocks(), row.getComputedAt());
    }

    /** Whether the figures (not the time) are the same as {@code row}'s. */
    boolean sameFiguresAs(ShareStatistics row) {
        return row.getShareName().equals(share) && row.getLogicalBytes() == logicalBytes
                && row.getUniqueBytes() == uniqueBytes && row.getFiles() == files && row.getBlocks() == blocks;
    }
}
