package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.DirectoryChange;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.FsError;
import io.cistern.core.fs.FsException;
import io.cistern.core.fs.Stability;
import io.cistern.core.fs.TimeChange;
import io.cistern.core.fs.WccAttributes;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsTimeSet;
import io.cistern.nfs.spi.NfsWcc;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NfsTranslationTest {

    static Attributes attributes(FileType type, long size) {
        return new Attributes(77, 5, type, 04755, 3, 1000, 2000, size, (8L << 32) | 1, 111, 222, 333, 44, 9, 12);
    }

    @Nested
    class Status {
        private static final Map<FsError, NfsStatus> EXPECTED = expected();

        private static Map<FsError, NfsStatus> expected() {
            Map<FsError, NfsStatus> map = new EnumMap<>(FsError.class);
            map.put(FsError.NOT_FOUND, NfsStatus.NOENT);
            map.put(FsError.EXISTS, NfsStatus.EXIST);
            map.put(FsError.NOT_DIRECTORY, NfsStatus.NOTDIR);
            map.put(FsError.IS_DIRECTORY, NfsStatus.ISDIR);
            map.put(FsError.NOT_EMPTY, NfsStatus.NOTEMPTY);
            map.put(FsError.ACCESS, NfsStatus.ACCES);
            map.put(FsError.PERMISSION, NfsStatus.PERM);
            map.put(FsError.NAME_TOO_LONG, NfsStatus.NAMETOOLONG);
            map.put(FsError.INVALID, NfsStatus.INVAL);
            map.put(FsError.READ_ONLY, NfsStatus.ROFS);
            map.put(FsError.STALE, NfsStatus.STALE);
            map.put(FsError.BAD_HANDLE, NfsStatus.BADHANDLE);
            map.put(FsError.CROSS_DEVICE, NfsStatus.XDEV);
            map.put(FsError.NO_SPACE, NfsStatus.NOSPC);
            map.put(FsError.NOT_SYNC, NfsStatus.NOT_SYNC);
            map.put(FsError.TOO_MANY_LINKS, NfsStatus.MLINK);
            map.put(FsError.TOO_BIG, NfsStatus.FBIG);
            map.put(FsError.TRY_LATER, NfsStatus.JUKEBOX);
            map.put(FsError.IO, NfsStatus.IO);
            return map;
        }

        /** Runs for every FsError there is: a new one fails here until someone decides its NFS status. */
        @ParameterizedTest
        @EnumSource(FsError.class)
        void everyErrorHasItsStatus(FsError error) {
            assertEquals(EXPECTED.get(error), NfsTranslation.status(error), "no NFS status decided for " + error);
        }

        @Test
        void noErrorIsAnsweredAsSuccessOrAsAServerFault() {
            for (FsError error : FsError.values()) {
                NfsStatus status = NfsTranslation.status(error);
                assertNotEquals(NfsStatus.OK, status, error.name());
                assertNotEquals(NfsStatus.SERVERFAULT, status, error.name());
            }
        }

        @Test
        void everyErrorKeepsItsOwnStatus() {
            Set<NfsStatus> seen = EnumSet.noneOf(NfsStatus.class);
            for (FsError error : FsError.values()) {
                seen.add(NfsTranslation.status(error));
            }
            assertEquals(FsError.values().length, seen.size());
        }
    }

    @Nested
    class Types {
        @ParameterizedTest
        @EnumSource(FileType.class)
        void everyFileTypeRoundTrips(FileType type) {
            assertEquals(type, NfsTranslation.fileType(NfsTranslation.fileType(type)));
        }

        @ParameterizedTest
        @EnumSource(NfsFileType.class)
        void everyNfsTypeRoundTrips(NfsFileType type) {
            assertEquals(type, NfsTranslation.fileType(NfsTranslation.fileType(type)));
        }

        @ParameterizedTest
        @CsvSource({"REGULAR, REG", "DIRECTORY, DIR", "SYMLINK, LNK", "FIFO, FIFO", "SOCKET, SOCK",
                    "CHAR_DEVICE, CHR", "BLOCK_DEVICE, BLK"})
        void typesMatchByMeaning(FileType type, NfsFileType nfs) {
            assertEquals(nfs, NfsTranslation.fileType(type));
        }
    }

    @Nested
    class AttributeConversion {
        @Test
        void everyFieldLandsInItsPlace() {
            NfsAttributes nfs = NfsTranslation.attributes(attributes(FileType.CHAR_DEVICE, 5000));
            assertEquals(new NfsAttributes(NfsFileType.CHR, 04755, 3, 1000, 2000, 5000, 8192, (8L << 32) | 1,
                    5, 77, 111, 222, 333), nfs);
        }

        @ParameterizedTest
        @CsvSource({"0, 0", "1, 4096", "4095, 4096", "4096, 4096", "4097, 8192", "1048576, 1048576"})
        void usedIsTheSizeInWhole4KiBUnits(long size, long used) {
            assertEquals(used, NfsTranslation.used(size));
        }

        @ParameterizedTest
        @ValueSource(longs = {Long.MAX_VALUE, Long.MAX_VALUE - 4094})
        void usedSaturatesInsteadOfOverflowing(long size) {
            assertEquals(Long.MAX_VALUE, NfsTranslation.used(size));
        }

        @Test
        void usedStopsAtTheLargestWholeUnitBelowTheLimit() {
            long lastUnit = Long.MAX_VALUE / 4096 * 4096;
            assertEquals(lastUnit, NfsTranslation.used(lastUnit));
        }

        @Test
        void wccCarriesSizeAndTimesBeforeAndEverythingAfter() {
            Attributes after = attributes(FileType.REGULAR, 10);
            NfsWcc wcc = NfsTranslation.wcc(new WccAttributes(3, 4, 5), after);
            assertEquals(3, wcc.before().size());
            assertEquals(4, wcc.before().mtimeNanos());
            assertEquals(5, wcc.before().ctimeNanos());
            assertEquals(NfsTranslation.attributes(after), wcc.after());
        }

        @Test
        void unknownPartsOfWccStayUnknown() {
            NfsWcc wcc = NfsTranslation.wcc(null, null);
            assertNull(wcc.before());
            assertNull(wcc.after());
        }

        @Test
        void directoryChangeBecomesWcc() {
            Attributes after = attributes(FileType.DIRECTORY, 4096);
            NfsWcc wcc = NfsTranslation.wcc(new DirectoryChange(new WccAttributes(1, 2, 3), after));
            assertEquals(new WccAttributes(1, 2, 3), new WccAttributes(wcc.before().size(),
                    wcc.before().mtimeNanos(), wcc.before().ctimeNanos()));
            assertEquals(after.inodeId(), wcc.after().fileId());
        }
    }

    @Nested
    class SetAttributes {
        @Test
        void nothingSetChangesNothing() {
            assertEquals(AttributeChanges.none(), NfsTranslation.attributeChanges(NfsSetAttributes.NONE));
            assertEquals(AttributeChanges.none(), NfsTranslation.attributeChanges(null));
        }

        @Test
        void everyValueIsCarriedOver() {
            NfsSetAttributes sattr = new NfsSetAttributes(0640, 1001, 1002, 0L, NfsTimeSet.client(123),
                    NfsTimeSet.SERVER_TIME);
            assertEquals(new AttributeChanges(0640, 1001, 1002, 0L, TimeChange.client(123), TimeChange.SERVER),
                    NfsTranslation.attributeChanges(sattr));
        }

        @ParameterizedTest
        @EnumSource(NfsTimeSet.How.class)
        void everyTimeSetKindHasAMeaning(NfsTimeSet.How how) {
            TimeChange change = NfsTranslation.timeChange(new NfsTimeSet(how, 999));
            assertNotNull(change);
            TimeChange.Kind expected = switch (how) {
                case DONT_CHANGE -> TimeChange.Kind.KEEP;
                case SERVER_TIME -> TimeChange.Kind.SERVER;
                case CLIENT_TIME -> TimeChange.Kind.CLIENT;
            };
            assertEquals(expected, change.kind());
        }

        @Test
        void onlyTheClientsTimeKeepsItsNanoseconds() {
            assertEquals(TimeChange.client(1_700_000_000_123_456_789L),
                    NfsTranslation.timeChange(NfsTimeSet.client(1_700_000_000_123_456_789L)));
            assertEquals(TimeChange.SERVER, NfsTranslation.timeChange(new NfsTimeSet(NfsTimeSet.How.SERVER_TIME, 5)));
            assertEquals(TimeChange.KEEP, NfsTranslation.timeChange(new NfsTimeSet(NfsTimeSet.How.DONT_CHANGE, 5)));
        }

        @Test
        void timesLeftOutAreKept() {
            NfsSetAttributes sattr = new NfsSetAttributes(null, null, null, 7L, null, null);
            assertEquals(AttributeChanges.none().withSize(7), NfsTranslation.attributeChanges(sattr));
        }
    }

    @Nested
    class Modes {
        @ParameterizedTest
        @CsvSource({"0, UNSTABLE", "1, DATA_SYNC", "2, FILE_SYNC"})
        void stableHowRoundTrips(int stableHow, Stability stability) {
            assertEquals(stability, NfsTranslation.stability(stableHow));
            assertEquals(stableHow, NfsTranslation.stableHow(stability));
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 3, Integer.MAX_VALUE})
        void unknownStableHowIsInvalid(int stableHow) {
            assertEquals(FsError.INVALID,
                    assertThrows(FsException.class, () -> NfsTranslation.stability(stableHow)).error());
        }

        @ParameterizedTest
        @CsvSource({"0, UNCHECKED", "1, GUARDED", "2, EXCLUSIVE"})
        void createHowNamesTheMode(int how, CreateMode mode) {
            assertEquals(mode, NfsTranslation.createMode(how));
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 3})
        void unknownCreateHowIsInvalid(int how) {
            assertEquals(FsError.INVALID,
                    assertThrows(FsException.class, () -> NfsTranslation.createMode(how)).error());
        }
    }
}
