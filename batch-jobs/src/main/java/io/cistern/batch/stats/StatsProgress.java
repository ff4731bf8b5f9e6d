package io.cistern.batch.stats;

import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;

/**
 * What a statistics run has done, kept as each step's persistent user data (stored with every checkpoint, shown by
 * {@link StatsJobs#progress}): shares computed, and how many stored rows held other figures than the ones computed
 * now (changed since the last run, or drifted: a row edited behind the job's back is corrected and counted here).
 */
public final class StatsProgress implements Serializable {
    private static final long serialVersionUID = 1L;

    private long sharesComputed;
    private long sharesChanged;
    private long sharesForgotten;
    private long storesComputed;
    private long storesChanged;

    static StatsProgress of(StepContext step) {
        if (step.getPersistentUserData() instanceof StatsProgress progress) {
            return progress;
        }
        StatsProgress fresh = new StatsProgress();
        step.setPersistentUserData(fresh);
        return fresh;
    }

    /** Both steps' counters added up. */
    public StatsProgress plus(StatsProgress other) {
        StatsProgress sum = new StatsProgress();
        sum.sharesComputed = sharesComputed + other.sharesComputed;
        sum.sharesChanged = sharesChanged + other.sharesChanged;
        sum.sharesForgotten = sharesForgotten + other.sharesForgotten;
        sum.storesComputed = storesComputed + other.storesComputed;
        sum.storesChanged = storesChanged + other.storesChanged;
        return sum;
    }

    void computedShare(boolean changed) {
        sharesComputed++;
        if (changed) {
            sharesChanged++;
        }
    }

    void forgotShares(long count) {
        sharesForgotten += count;
    }

    void computedStore(boolean changed) {
        storesComputed++;
        if (changed) {
            storesChanged++;
        }
    }

    /** Shares whose figures were computed and stored. */
    public long sharesComputed() {
        return sharesComputed;
    }

    /** Of those, the ones whose stored figures differed (and were corrected). */
    public long sharesChanged() {
        return sharesChanged;
    }

    /** Rows of deleted shares removed. */
    public long sharesForgotten() {
        return sharesForgotten;
    }

    /** Stores whose figures were computed and stored: every block store, the default one included. */
    public long storesComputed() {
        return storesComputed;
    }

    /** Of those, the ones whose stored figures differed (and were corrected). */
    public long storesChanged() {
        return storesChanged;
    }

    @Override
    public String toString() {
        return "shares computed " + sharesComputed + " (" + sharesChanged + " differed), forgotten " + sharesForgotten
                + "; stores computed " + storesComputed + " (" + storesChanged + " differed)";
    }
}
