package io.cistern.core.adapter;

import static io.cistern.core.adapter.FakeMetadata.ALICE;
import static io.cistern.core.adapter.FakeMetadata.handle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.core.fs.AttributeChanges;
import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FileType;
import io.cistern.core.fs.TimeChange;
import io.cistern.nfs.spi.NfsCreateReply;
import io.cistern.nfs.spi.NfsFileType;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsTimeSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NfsNodeCreationTest {
    static final NfsSetAttributes MODE_ONLY = new NfsSetAttributes(0640, null, null, null, null, null);
    static final NfsSetAttributes TRUNCATE = new NfsSetAttributes(0640, null, null, 0L, null, null);

    @Nested
    class WhatIsLeftAfterCreate {
        @Test
        void theModeIsSetAtCreationSoNothingIsLeft() {
            assertEquals(AttributeChanges.none(), NfsNodeCreation.remainingAfterCreate(MODE_ONLY, false, true));
        }

        @Test
        void aNewFileIsEmptyAlready() {
            assertEquals(AttributeChanges.none(), NfsNodeCreation.remainingAfterCreate(TRUNCATE, true, true));
        }

        @Test
        void aSizeIsForRegularFilesOnly() {
            NfsSetAttributes sized = new NfsSetAttributes(null, null, null, 100L, null, null);
            assertEquals(AttributeChanges.none().withSize(100),
                    NfsNodeCreation.remainingAfterCreate(sized, false, true));
            assertEquals(AttributeChanges.none(), NfsNodeCreation.remainingAfterCreate(sized, false, false));
        }

        @Test
        void ownerAndGroupOnlyFromRoot() {
            NfsSetAttributes owned = new NfsSetAttributes(0600, 1234, 5678, null, null, null);
            assertEquals(AttributeChanges.none().withOwner(1234, 5678),
                    NfsNodeCreation.remainingAfterCreate(owned, true, true));
            assertEquals(AttributeChanges.none(), NfsNodeCreation.remainingAfterCreate(owned, false, true));
        }

        @Test
        void timesOfEveryKindAreKept() {
            NfsSetAttributes timed = new NfsSetAttributes(null, null, null, null, NfsTimeSet.SERVER_TIME,
                    NfsTimeSet.client(42));
            assertEquals(AttributeChanges.none().withTimes(TimeChange.SERVER, TimeChange.client(42)),
                    NfsNodeCreation.remainingAfterCreate(timed, false, false));
        }

        @Test
        void anExistingFileOnlyGetsItsSize() {
            NfsSetAttributes all = new NfsSetAttributes(0600, 1, 2, 0L, NfsTimeSet.SERVER_TIME, NfsTimeSet.SERVER_TIME);
            assertEquals(AttributeChanges.none().withSize(0), NfsNodeCreation.sizeOnly(all));
            assertEquals(AttributeChanges.none(), NfsNodeCreation.sizeOnly(MODE_ONLY));
        }

        @Test
        void anUnsetModeIsZero() {
            assertEquals(0, NfsNodeCreation.modeOf(NfsSetAttributes.NONE));
            assertEquals(0640, NfsNodeCreation.modeOf(MODE_ONLY));
        }

        @ParameterizedTest
        @EnumSource(NfsFileType.class)
        void mknodMakesOnlySpecialFiles(NfsFileType type) {
            boolean special = type != NfsFileType.REG && type != NfsFileType.DIR && type != NfsFileType.LNK;
            assertEquals(special, NfsNodeCreation.isSpecialFile(type));
        }
    }

    @Nested
    class Procedures {
        private FakeMetadata metadata;
        private NfsNodeCreation creation;
        private Attributes dir;

        @BeforeEach
        void tree() {
            metadata = new FakeMetadata();
            creation = new NfsNodeCreation(metadata, FakeMetadata.callers(metadata));
            dir = metadata.add(metadata.root(), "dir", FileType.DIRECTORY, 0777, 1000);
        }

        @Test
        void uncheckedMakesANewFileWithItsMode() {
            NfsCreateReply reply = creation.create(ALICE, handle(dir), "f".getBytes(), 0, MODE_ONLY, 0);
            assertEquals(NfsStatus.OK, reply.status());
            assertEquals(0640, reply.attributes().mode());
            assertEquals(List.of("create GUARDED 640 0"), creates());
            assertTrue(setattrs().isEmpty());
            assertNotNull(reply.directory().before());
            assertEquals(dir.inodeId(), reply.directory().after().fileId());
            assertEquals(reply.attributes().fileId(), FakeMetadata.HANDLES.decode(reply.handle()).inodeId());
        }

        @Test
        void uncheckedOnAnExistingFileTruncatesItAndKeepsItsMode() {
            metadata.add(dir, "f", FileType.REGULAR, 0600, 1000);
            NfsCreateReply reply = creation.create(ALICE, handle(dir), "f".getBytes(), 0, TRUNCATE, 0);
            assertEquals(NfsStatus.OK, reply.status());
            assertEquals(List.of("create GUARDED 640 0", "create UNCHECKED 640 0"), creates());
            assertEquals(List.of("setattr " + AttributeChanges.none().withSize(0)), setattrs());
            assertEquals(0600, reply.attributes().mode());
        }

        @Test
        void uncheckedOnAnExistingDirectoryIsExist() {
            metadata.add(dir, "d", FileType.DIRECTORY, 0700, 1000);
            NfsCreateReply reply = creation.create(ALICE, handle(dir), "d".getBytes(), 0, TRUNCATE, 0);
            assertEquals(NfsStatus.EXIST, reply.status());
            assertEquals(dir.inodeId(), reply.directory().after().fileId());
        }

        @Test
        void guardedOnAnExistingFileIsExist() {
            metadata.add(dir, "f", FileType.REGULAR, 0600, 1000);
            assertEquals(NfsStatus.EXIST, create("f", 1, MODE_ONLY).status());
            assertEquals(List.of("create GUARDED 640 0"), creates());
        }

        @Test
        void exclusivePassesTheVerifierAndNoAttributes() {
            NfsCreateReply reply = creation.create(ALICE, handle(dir), "x".getBytes(), 2, MODE_ONLY, 0xfeedL);
            assertEquals(NfsStatus.OK, reply.status());
            assertEquals(List.of("create EXCLUSIVE 0 " + 0xfeedL), creates());
            assertTrue(setattrs().isEmpty());
        }

        @Test
        void attributesBeyondTheModeFollowInASetattr() {
            NfsSetAttributes timed = new NfsSetAttributes(0644, null, null, 10L, null, NfsTimeSet.client(99));
            NfsCreateReply reply = creation.create(ALICE, handle(dir), "t".getBytes(), 1, timed, 0);
            assertEquals(NfsStatus.OK, reply.status());
            assertEquals(List.of("setattr " + new AttributeChanges(null, null, null, 10L, TimeChange.KEEP,
                    TimeChange.client(99))), setattrs());
            assertEquals(10, reply.attributes().size());
        }

        @Test
        void anUnknownHowIsInval() {
            assertEquals(NfsStatus.INVAL, create("f", 7, MODE_ONLY).status());
        }

        @Test
        void mkdirUsesTheModeAndIgnoresASize() {
            NfsSetAttributes sized = new NfsSetAttributes(0750, null, null, 5L, null, null);
            NfsCreateReply reply = creation.mkdir(ALICE, handle(dir), "sub".getBytes(), sized);
            assertEquals(NfsStatus.OK, reply.status());
            assertEquals(List.of("mkdir 750"), metadata.calls.stream().filter(c -> c.startsWith("mkdir")).toList());
            assertTrue(setattrs().isEmpty());
        }

        @Test
        void mknodOfARegularFileIsBadType() {
            NfsCreateReply reply = creation.mknod(ALICE, handle(dir), "r".getBytes(), NfsFileType.REG, MODE_ONLY, 0);
            assertEquals(NfsStatus.BADTYPE, reply.status());
            assertFalse(metadata.calls.stream().anyMatch(c -> c.startsWith("create")));
        }

        private NfsCreateReply create(String name, int how, NfsSetAttributes attributes) {
            return creation.create(ALICE, handle(dir), name.getBytes(), how, attributes, 0);
        }

        private List<String> creates() {
            return metadata.calls.stream().filter(c -> c.startsWith("create")).toList();
        }

        private List<String> setattrs() {
            return metadata.calls.stream().filter(c -> c.startsWith("setattr")).toList();
        }
    }
}
