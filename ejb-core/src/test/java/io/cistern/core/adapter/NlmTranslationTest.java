package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cistern.core.fs.FsError;
import io.cistern.core.locks.ByteRange;
import io.cistern.core.locks.LockManager;
import io.cistern.core.locks.LockOwner;
import io.cistern.core.locks.LockStatus;
import io.cistern.core.locks.RangeLock;
import io.cistern.nfs.spi.NlmLock;
import io.cistern.nfs.spi.NlmShare;
import io.cistern.nfs.spi.NlmStatus;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NlmTranslationTest {

    @Test
    void everyLockStatusHasItsNlmCode() {
        Map<LockStatus, NlmStatus> expected = Map.of(LockStatus.GRANTED, NlmStatus.GRANTED, LockStatus.DENIED,
                NlmStatus.DENIED, LockStatus.BLOCKED, NlmStatus.BLOCKED, LockStatus.DEADLOCK, NlmStatus.DEADLCK,
                LockStatus.GRACE_PERIOD, NlmStatus.DENIED_GRACE_PERIOD);
        assertEquals(EnumSet.allOf(LockStatus.class), EnumSet.copyOf(expected.keySet()));
        expected.forEach((status, nlm) -> assertEquals(nlm, NlmTranslation.status(status), status.name()));
    }

    @Test
    void fileSystemRefusalsBecomeTheirNlmCodes() {
        assertEquals(NlmStatus.STALE_FH, NlmTranslation.status(FsError.STALE));
        assertEquals(NlmStatus.STALE_FH, NlmTranslation.status(FsError.BAD_HANDLE));
        assertEquals(NlmStatus.STALE_FH, NlmTranslation.status(FsError.NOT_FOUND));
        assertEquals(NlmStatus.DENIED, NlmTranslation.status(FsError.ACCESS));
        assertEquals(NlmStatus.DENIED, NlmTranslation.status(FsError.PERMISSION));
        assertEquals(NlmStatus.ROFS, NlmTranslation.status(FsError.READ_ONLY));
        assertEquals(NlmStatus.DENIED_NOLOCKS, NlmTranslation.status(FsError.TRY_LATER));
        assertEquals(NlmStatus.FAILED, NlmTranslation.status(FsError.IS_DIRECTORY));
        assertEquals(NlmStatus.FAILED, NlmTranslation.status(FsError.IO));
        for (FsError error : FsError.values()) {
            assertNotNull(NlmTranslation.status(error), error.name());
        }
    }

    @Test
    void aLocksOwnerIsItsHostOhAndSvid() {
        NlmLock lock = new NlmLock("alpha", new byte[] {1}, new byte[] {'o', 'h'}, 42, 0, 0);
        assertEquals(new LockOwner(LockManager.NLM, "alpha", new byte[] {'o', 'h'}, 42), NlmTranslation.owner(lock));
        assertEquals(new RangeLock(NlmTranslation.owner(lock), ByteRange.whole(), true),
                NlmTranslation.request(lock, true));
    }

    @Test
    void aReservationsOwnerIsItsHostAndOh() {
        NlmShare share = new NlmShare("alpha", new byte[] {1}, new byte[] {'o', 'h'}, 3, 1);
        assertEquals(new LockOwner(LockManager.NLM, "alpha", new byte[] {'o', 'h'}, NlmTranslation.SHARE_PROCESS),
                NlmTranslation.owner(share));
        assertEquals(3, NlmTranslation.reservation(share).deny());
        assertEquals(1, NlmTranslation.reservation(share).access());
    }

    @Test
    void aMissingCallerNameIsAnEmptyHost() {
        assertEquals("", NlmTranslation.owner(new NlmLock(null, new byte[0], null, 1, 0, 0)).host());
    }
}
