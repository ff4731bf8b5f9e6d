package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsDirectoryEntry;
import com.emc.ecs.nfsclient.nfs.NfsDirectoryPlusEntry;
import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsFsInfo;
import com.emc.ecs.nfsclient.nfs.NfsFsStat;
import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsPosixAttributes;
import com.emc.ecs.nfsclient.nfs.NfsResponseBase;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.nfs.NfsTime;
import com.emc.ecs.nfsclient.nfs.NfsType;
import com.emc.ecs.nfsclient.nfs.NfsWriteRequest;
import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.io.NfsFileInputStream;
import com.emc.ecs.nfsclient.nfs.io.NfsFileOutputStream;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3CommitResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3CreateResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3GetAttrResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3LinkResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3LookupResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3ReadResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3ReaddirResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3ReaddirplusResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3RenameResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3SetAttrResponse;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3WriteResponse;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import com.emc.ecs.nfsclient.rpc.Xdr;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;

/**
 * Every NFSv3 procedure and the errors a client meets, through a Java NFSv3 client nobody here wrote:
 * EMC ECS's nfs-client 1.1.0. It finds NFS and MOUNT only through the portmapper on port 111, so this class runs a
 * Cistern of its own with CISTERN_PORTMAPPER=on. CI is root and runs no rpcbind, and does not skip this class: a
 * taken port 111 fails there. Elsewhere such a machine skips it, saying why.
 * <p>
 * Each call goes through the client's own request and response classes ({@code makeXRequest} and the plain call),
 * so the status the server answered is asserted as is; a few use the client's checked calls to show what an
 * application sees (FileNotFoundException for NOENT).
 * <p>
 * Known limits of the client, worked around here and nowhere else: it sends an EXCLUSIVE create's createverf3 as a
 * variable-length opaque (a length word, then the 8 bytes), so the server reads the length word and the first 4
 * bytes as the verifier and ignores the rest; and its {@link NfsTime} keeps milliseconds only, so a SETATTR guard
 * with a server's nanosecond ctime is built by {@link #exactTime} from the fields the client decoded.
 * <p>
 * Not covered: a write to a read-only share, as there is no way yet to make one (no admin API for export options).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NfsJavaClientIT {
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static final int PORTMAPPER = 111;
    private static final int UID = 1000;
    private static final int GID = 1000;
    private static final int OTHER_UID = 2000;
    private static final int MiB = 1024 * 1024;

    private static final int ACCESS_READ = 0x01;
    private static final int ACCESS_LOOKUP = 0x02;
    private static final int ACCESS_MODIFY = 0x04;
    private static final int ACCESS_EXTEND = 0x08;
    private static final int ACCESS_DELETE = 0x10;
    private static final int ACCESS_EXECUTE = 0x20;
    private static final int ACCESS_ALL = 0x3f;

    /** FSF3_LINK | FSF3_SYMLINK | FSF3_HOMOGENEOUS | FSF3_CANSETTIME */
    private static final long FSINFO_PROPERTIES = 0x1b;

    private String unavailable;
    private CisternProcess cistern;
    /** The client as uid 1000, and as uid 2000 for what another user may do. */
    private Nfs3 nfs;
    private Nfs3 other;
    private byte[] root;
    /** This test's own directory under /data, named after the test method. */
    private byte[] dir;
    private String dirName;

    @BeforeAll
    void startCisternWithThePortmapper() throws Exception {
        if (!tcpFree(PORTMAPPER) || !udpFree(PORTMAPPER)) {
            unavailable = "port 111 (TCP and UDP) on 127.0.0.1 is taken (rpcbind running?) or needs root";
            return;
        }
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-nfs-java-client-");
        cistern = CisternProcess.configure(data, Map.of("CISTERN_PORTMAPPER", "on")).startAndAwaitReady();
        nfs = new Nfs3("127.0.0.1", "/data", new CredentialUnix(UID, GID, null), 3);
        root = nfs.getRootFileHandle();
        other = new Nfs3("127.0.0.1", "/data", root, new CredentialUnix(OTHER_UID, OTHER_UID, null), 3);
    }

    /** Whether a test failed: then the data directory (with logs/server.log) stays for a look. */
    private volatile boolean failed;

    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher watcher = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @AfterAll
    void stop() throws Exception {
        if (cistern != null) {
            cistern.close();
            if (!failed) {
                try (var files = Files.walk(cistern.dataDirectory())) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** Per test, not per class: a class skipped in @BeforeAll would not show in the report at all. */
    @BeforeEach
    void requirePort111(TestInfo test) throws IOException {
        if (CI) {
            assertNull(unavailable, "CI runs the Java NFS client against Cistern's portmapper, but " + unavailable);
        } else {
            Assumptions.assumeTrue(unavailable == null, "Java NFS client tests skipped: " + unavailable);
        }
        dirName = test.getTestMethod().orElseThrow().getName();
        dir = mkdir(root, dirName, 0755);
    }

    @Test
    void nullAndGetattrOfTheExportRoot() throws Exception {
        Xdr reply = nfs.nullCall();
        assertNotNull(reply);
        NfsGetAttributes top = attributes(root);
        assertEquals(NfsType.NFS_DIR, top.getType());
        assertEquals(01777, top.getMode(), "the share's top directory; mode3 carries no file type bits");
        assertTrue(top.getNlink() >= 3, "'.', its entry, and the '..' of this test's directory: " + top.getNlink());
        assertNotEquals(0, top.getFileid());
        assertEquals(top.getFsid(), attributes(dir).getFsid(), "one share, one file system");
    }

    @Test
    void setattrChangesModeSizeAndTimesAndHonoursTheGuard() throws Exception {
        byte[] file = create(dir, "file", 0644);

        Nfs3SetAttrResponse chmod = nfs.setAttr(nfs.makeSetAttrRequest(file, mode(0600), null));
        assertStatus(NfsStatus.NFS3_OK, chmod);
        assertEquals(0600, chmod.getObjectWccData().getAttributes().getMode(), "wcc after");
        assertEquals(0600, attributes(file).getMode());

        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(file, size(100_000), null)));
        assertEquals(100_000, attributes(file).getSize(), "extended");
        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(file, size(10), null)));
        assertEquals(10, attributes(file).getSize(), "truncated");

        long mtime = 1_000_000_000_123L;
        NfsSetAttributes times = new NfsSetAttributes();
        times.setMtime(new NfsTime(mtime));
        times.setAtime(NfsTime.SET_TO_CURRENT_ON_SERVER);
        long before = System.currentTimeMillis();
        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(file, times, null)));
        NfsGetAttributes timed = attributes(file);
        assertEquals(mtime, timed.getMtime().getTimeInMillis(), "mtime from the client");
        long atime = timed.getAtime().getTimeInMillis();
        assertTrue(Math.abs(atime - before) < 60_000, "atime set to the server's now: " + atime + " vs " + before);

        NfsTime ctime = exactTime(timed.getCtime());
        Nfs3SetAttrResponse guarded = nfs.setAttr(nfs.makeSetAttrRequest(file, mode(0640), ctime));
        assertStatus(NfsStatus.NFS3_OK, guarded);
        assertEquals(0640, attributes(file).getMode());

        Nfs3SetAttrResponse stale = nfs.setAttr(nfs.makeSetAttrRequest(file, mode(0604), ctime));
        assertStatus(NfsStatus.NFS3ERR_NOT_SYNC, stale);
        assertEquals(0640, attributes(file).getMode(), "a guard that does not match changes nothing");
        assertNotNull(stale.getObjectWccData().getAttributes(), "NOT_SYNC still carries the attributes (wcc after)");

        Nfs3SetAttrResponse byOther = other.setAttr(other.makeSetAttrRequest(file, mode(0777), null));
        assertStatus(NfsStatus.NFS3ERR_PERM, byOther);
    }

    @Test
    void lookupFindsWhatWasCreatedAndNoentOtherwise() throws Exception {
        Nfs3CreateResponse created = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir, "present",
                mode(0644), null));
        assertStatus(NfsStatus.NFS3_OK, created);

        Nfs3LookupResponse found = nfs.getLookup(nfs.makeLookupRequest(dir, "present"));
        assertStatus(NfsStatus.NFS3_OK, found);
        assertArrayEquals(created.getFileHandle(), found.getFileHandle());
        assertEquals(created.getAttributes().getFileid(), found.getAttributes().getFileid());
        assertEquals(attributes(dir).getFileid(), found.getDirectoryAttributes().getFileid());

        Nfs3LookupResponse missing = nfs.getLookup(nfs.makeLookupRequest(dir, "absent"));
        assertStatus(NfsStatus.NFS3ERR_NOENT, missing);
        assertNotNull(missing.getDirectoryAttributes(), "NOENT carries the directory's attributes for the client's cache");
        assertThrows(FileNotFoundException.class, () -> nfs.wrapped_getLookup(nfs.makeLookupRequest(dir, "absent")));

        assertEquals(attributes(dir).getFileid(), lookup(dir, ".").getAttributes().getFileid(), "'.'");
        assertEquals(attributes(root).getFileid(), lookup(dir, "..").getAttributes().getFileid(), "'..'");
        assertStatus(NfsStatus.NFS3ERR_NOTDIR, nfs.getLookup(nfs.makeLookupRequest(created.getFileHandle(), "x")));
    }

    @Test
    void accessGrantsByCallerAndType() throws Exception {
        byte[] file = create(dir, "file-0640", 0640);
        byte[] script = create(dir, "script-0750", 0750);
        byte[] subdirectory = mkdir(dir, "dir-0755", 0755);

        assertEquals(ACCESS_READ | ACCESS_MODIFY | ACCESS_EXTEND, access(nfs, file, ACCESS_ALL),
                "owner of a 0640 file: no LOOKUP or DELETE for a file, no EXECUTE without x");
        assertEquals(0, access(other, file, ACCESS_ALL), "anybody else: nothing");
        assertEquals(ACCESS_READ | ACCESS_MODIFY | ACCESS_EXTEND | ACCESS_EXECUTE, access(nfs, script, ACCESS_ALL));
        assertEquals(ACCESS_READ, access(nfs, file, ACCESS_READ), "only what was asked");
        assertEquals(ACCESS_READ | ACCESS_LOOKUP | ACCESS_MODIFY | ACCESS_EXTEND | ACCESS_DELETE,
                access(nfs, subdirectory, ACCESS_ALL), "owner of a 0755 directory");
        assertEquals(ACCESS_READ | ACCESS_LOOKUP, access(other, subdirectory, ACCESS_ALL), "others: r-x");
    }

    @Test
    void symlinkAndReadlink() throws Exception {
        String target = "../some target/with spaces and ünïcode";
        var symlink = nfs.sendSymlink(nfs.makeSymlinkRequest(target, dir, "link", mode(0777)));
        assertStatus(NfsStatus.NFS3_OK, symlink);
        NfsGetAttributes link = attributes(symlink.getFileHandle());
        assertEquals(NfsType.NFS_LNK, link.getType());
        assertEquals(target.getBytes(StandardCharsets.UTF_8).length, link.getSize(), "a symlink's size is its target's");

        var readlink = nfs.getReadlink(nfs.makeReadlinkRequest(symlink.getFileHandle()));
        assertStatus(NfsStatus.NFS3_OK, readlink);
        assertEquals(target, readlink.getData());

        byte[] file = create(dir, "file", 0644);
        assertStatus(NfsStatus.NFS3ERR_INVAL, nfs.getReadlink(nfs.makeReadlinkRequest(file)));
        assertStatus(NfsStatus.NFS3ERR_EXIST,
                nfs.sendSymlink(nfs.makeSymlinkRequest("x", dir, "link", mode(0777))));
    }

    @Test
    void unstableWritesCommitFileSyncWritesAndReads() throws Exception {
        byte[] file = create(dir, "data", 0644);
        byte[] content = new byte[3 * MiB];
        new Random(3).nextBytes(content);

        Set<Long> verifiers = new HashSet<>();
        for (int offset = 0; offset < content.length; offset += MiB) {
            Nfs3WriteResponse write = nfs.sendWrite(nfs.makeWriteRequest(file, offset,
                    payload(ByteBuffer.wrap(content, offset, MiB)), NfsWriteRequest.UNSTABLE));
            assertStatus(NfsStatus.NFS3_OK, write);
            assertEquals(MiB, write.getCount(), "a write of wtmax bytes is done whole");
            assertTrue(write.getCommitted() >= NfsWriteRequest.UNSTABLE && write.getCommitted() <= NfsWriteRequest.FILE_SYNC);
            assertEquals(offset + MiB, write.getFileWccData().getAttributes().getSize(), "wcc after: the new size");
            verifiers.add(write.getVerf());
        }
        Nfs3CommitResponse commit = nfs.sendCommit(nfs.makeCommitRequest(file, 0, 0));
        assertStatus(NfsStatus.NFS3_OK, commit);
        verifiers.add(commit.getVerf());
        assertEquals(1, verifiers.size(), "one write verifier while the server runs: " + verifiers);

        byte[] tail = "file-sync tail".getBytes(StandardCharsets.US_ASCII);
        Nfs3WriteResponse sync = nfs.sendWrite(nfs.makeWriteRequest(file, content.length,
                payload(ByteBuffer.wrap(tail)), NfsWriteRequest.FILE_SYNC));
        assertStatus(NfsStatus.NFS3_OK, sync);
        assertEquals(NfsWriteRequest.FILE_SYNC, sync.getCommitted(), "FILE_SYNC asked, FILE_SYNC done");
        assertEquals(verifiers.iterator().next(), sync.getVerf());
        assertEquals(content.length + tail.length, attributes(file).getSize());

        byte[] read = new byte[content.length + tail.length];
        int at = 0;
        boolean eof = false;
        while (!eof) {
            Nfs3ReadResponse response = nfs.getRead(nfs.makeReadRequest(file, at, MiB), read, at);
            assertStatus(NfsStatus.NFS3_OK, response);
            assertTrue(response.getBytesRead() > 0 || response.isEof(), "progress at " + at);
            at += response.getBytesRead();
            eof = response.isEof();
        }
        assertEquals(read.length, at, "eof exactly at the end");
        assertArrayEquals(content, Arrays.copyOf(read, content.length));
        assertArrayEquals(tail, Arrays.copyOfRange(read, content.length, read.length));

        Nfs3ReadResponse beyond = nfs.getRead(nfs.makeReadRequest(file, 10L * MiB, 100), new byte[100], 0);
        assertStatus(NfsStatus.NFS3_OK, beyond);
        assertEquals(0, beyond.getBytesRead());
        assertTrue(beyond.isEof(), "a read past the end is eof");

        byte[] big = new byte[2 * MiB];
        Nfs3ReadResponse capped = nfs.getRead(nfs.makeReadRequest(file, 0, big.length), big, 0);
        assertStatus(NfsStatus.NFS3_OK, capped);
        assertTrue(capped.getBytesRead() > 0 && capped.getBytesRead() <= MiB, "at most rtmax: " + capped.getBytesRead());
        assertFalse(capped.isEof());

        assertStatus(NfsStatus.NFS3ERR_ISDIR, nfs.getRead(nfs.makeReadRequest(dir, 0, 10), new byte[10], 0));
        assertStatus(NfsStatus.NFS3ERR_ACCES, other.sendWrite(other.makeWriteRequest(file, 0,
                payload(ByteBuffer.wrap(tail)), NfsWriteRequest.FILE_SYNC)));
    }

    @Test
    void createUncheckedGuardedAndExclusive() throws Exception {
        Nfs3CreateResponse first = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir, "unchecked",
                mode(0644), null));
        assertStatus(NfsStatus.NFS3_OK, first);
        assertEquals(NfsType.NFS_REG, first.getAttributes().getType());
        assertEquals(0644, first.getAttributes().getMode());
        assertEquals(UID, first.getAttributes().getUid());
        assertNotNull(first.getDirectoryWccData().getAttributes(), "wcc of the directory");
        write(first.getFileHandle(), "hello".getBytes(StandardCharsets.US_ASCII));

        Nfs3CreateResponse again = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir, "unchecked",
                mode(0600), null));
        assertStatus(NfsStatus.NFS3_OK, again);
        assertEquals(first.getAttributes().getFileid(), again.getAttributes().getFileid(), "the same file");
        assertEquals(5, attributes(first.getFileHandle()).getSize(), "UNCHECKED without a size keeps the data");
        NfsSetAttributes truncate = mode(0644);
        truncate.setSize(0L);
        assertStatus(NfsStatus.NFS3_OK, nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir, "unchecked",
                truncate, null)));
        assertEquals(0, attributes(first.getFileHandle()).getSize(), "UNCHECKED with size 0 truncates");

        Nfs3CreateResponse guarded = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.GUARDED, dir, "unchecked",
                mode(0644), null));
        assertStatus(NfsStatus.NFS3ERR_EXIST, guarded);
        assertStatus(NfsStatus.NFS3_OK, nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.GUARDED, dir, "guarded",
                mode(0644), null)));

        byte[] verifier = {1, 2, 3, 4, 5, 6, 7, 8};
        Nfs3CreateResponse exclusive = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.EXCLUSIVE, dir, "exclusive",
                null, verifier));
        assertStatus(NfsStatus.NFS3_OK, exclusive);
        Nfs3CreateResponse retransmitted = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.EXCLUSIVE, dir,
                "exclusive", null, verifier.clone()));
        assertStatus(NfsStatus.NFS3_OK, retransmitted);
        assertEquals(fileid(exclusive.getFileHandle()), fileid(retransmitted.getFileHandle()),
                "the same verifier: the same file, as for a retransmission");
        byte[] otherVerifier = {9, 9, 9, 9, 5, 6, 7, 8};    // differs in what the server reads (see the class comment)
        assertStatus(NfsStatus.NFS3ERR_EXIST, nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.EXCLUSIVE, dir,
                "exclusive", null, otherVerifier)));
        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(exclusive.getFileHandle(), mode(0640), null)));
        assertEquals(0640, attributes(exclusive.getFileHandle()).getMode(), "the client sets the attributes afterwards");

        assertStatus(NfsStatus.NFS3ERR_ACCES, other.sendCreate(other.makeCreateRequest(NfsCreateMode.UNCHECKED, dir,
                "not-allowed", mode(0644), null)));
    }

    @Test
    void mkdirAndMknod() throws Exception {
        long linksBefore = attributes(dir).getNlink();
        var mkdir = nfs.sendMkdir(nfs.makeMkdirRequest(dir, "sub", mode(0750)));
        assertStatus(NfsStatus.NFS3_OK, mkdir);
        NfsGetAttributes sub = attributes(mkdir.getFileHandle());
        assertEquals(NfsType.NFS_DIR, sub.getType());
        assertEquals(0750, sub.getMode());
        assertEquals(2, sub.getNlink());
        assertEquals(linksBefore + 1, attributes(dir).getNlink(), "the new '..' links the parent");
        assertStatus(NfsStatus.NFS3ERR_EXIST, nfs.sendMkdir(nfs.makeMkdirRequest(dir, "sub", mode(0750))));

        var fifo = nfs.sendMknod(nfs.makeMknodRequest(dir, "fifo", NfsType.NFS_FIFO, mode(0640), null));
        assertStatus(NfsStatus.NFS3_OK, fifo);
        assertEquals(NfsType.NFS_FIFO, attributes(fifo.getFileHandle()).getType());
        assertEquals(0640, attributes(fifo.getFileHandle()).getMode());

        var socket = nfs.sendMknod(nfs.makeMknodRequest(dir, "socket", NfsType.NFS_SOCK, mode(0600), null));
        assertStatus(NfsStatus.NFS3_OK, socket);
        assertEquals(NfsType.NFS_SOCK, attributes(socket.getFileHandle()).getType());

        assertStatus(NfsStatus.NFS3ERR_BADTYPE,
                nfs.sendMknod(nfs.makeMknodRequest(dir, "regular", NfsType.NFS_REG, mode(0644), null)));
        assertStatus(NfsStatus.NFS3ERR_NOENT, nfs.getLookup(nfs.makeLookupRequest(dir, "regular")));
        assertStatus(NfsStatus.NFS3ERR_EXIST,
                nfs.sendMknod(nfs.makeMknodRequest(dir, "fifo", NfsType.NFS_FIFO, mode(0640), null)));
    }

    /** Linux: mknod of a device needs CAP_MKNOD, which an NFS caller other than root does not have (EPERM). */
    @Test
    void devicesAreNotMadeByOrdinaryUsers() throws Exception {
        var device = nfs.sendMknod(nfs.makeMknodRequest(dir, "null-device", NfsType.NFS_CHR, mode(0666),
                new long[] {1, 3}));
        assertStatus(NfsStatus.NFS3ERR_PERM, device);
    }

    @Test
    void removeAndRmdir() throws Exception {
        byte[] file = create(dir, "file", 0644);
        var remove = nfs.sendRemove(nfs.makeRemoveRequest(dir, "file"));
        assertStatus(NfsStatus.NFS3_OK, remove);
        assertNotNull(remove.getDirectoryWccData().getAttributes());
        assertStatus(NfsStatus.NFS3ERR_NOENT, nfs.getLookup(nfs.makeLookupRequest(dir, "file")));
        assertStatus(NfsStatus.NFS3ERR_STALE, nfs.getAttr(nfs.makeGetAttrRequest(file)), "the removed file's handle");
        assertStatus(NfsStatus.NFS3ERR_NOENT, nfs.sendRemove(nfs.makeRemoveRequest(dir, "file")));

        byte[] full = mkdir(dir, "full", 0755);
        create(full, "inside", 0644);
        assertStatus(NfsStatus.NFS3ERR_NOTEMPTY, nfs.sendRmdir(nfs.makeRmdirRequest(dir, "full")));
        assertStatus(NfsStatus.NFS3ERR_ISDIR, nfs.sendRemove(nfs.makeRemoveRequest(dir, "full")),
                "REMOVE of a directory (Linux: EISDIR)");
        create(dir, "plain", 0644);
        assertStatus(NfsStatus.NFS3ERR_NOTDIR, nfs.sendRmdir(nfs.makeRmdirRequest(dir, "plain")));
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRemove(nfs.makeRemoveRequest(full, "inside")));
        long links = attributes(dir).getNlink();
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRmdir(nfs.makeRmdirRequest(dir, "full")));
        assertEquals(links - 1, attributes(dir).getNlink());
        assertStatus(NfsStatus.NFS3ERR_NOENT, nfs.sendRmdir(nfs.makeRmdirRequest(dir, "full")));
        assertStatus(NfsStatus.NFS3ERR_INVAL, nfs.sendRmdir(nfs.makeRmdirRequest(dir, ".")));
    }

    @Test
    void renameOverAFileIntoANonDirectoryAndIntoItsOwnSubtree() throws Exception {
        byte[] source = create(dir, "source", 0644);
        write(source, "from source".getBytes(StandardCharsets.US_ASCII));
        byte[] target = create(dir, "target", 0644);
        long sourceId = fileid(source);

        Nfs3RenameResponse over = nfs.sendRename(nfs.makeRenameRequest(dir, "source", dir, "target"));
        assertStatus(NfsStatus.NFS3_OK, over);
        assertNotNull(over.getFromDirectoryWccData().getAttributes());
        assertNotNull(over.getToDirectoryWccData().getAttributes());
        assertEquals(sourceId, lookup(dir, "target").getAttributes().getFileid(), "the name now names the source");
        assertStatus(NfsStatus.NFS3ERR_NOENT, nfs.getLookup(nfs.makeLookupRequest(dir, "source")));
        assertStatus(NfsStatus.NFS3ERR_STALE, nfs.getAttr(nfs.makeGetAttrRequest(target)), "the replaced file is gone");
        assertEquals(11, attributes(source).getSize(), "the source's handle still works after the rename");

        byte[] file = create(dir, "a-file", 0644);
        assertStatus(NfsStatus.NFS3ERR_NOTDIR, nfs.sendRename(nfs.makeRenameRequest(dir, "target", file, "x")));

        byte[] outer = mkdir(dir, "outer", 0755);
        byte[] inner = mkdir(outer, "inner", 0755);
        assertStatus(NfsStatus.NFS3ERR_INVAL, nfs.sendRename(nfs.makeRenameRequest(dir, "outer", inner, "moved")));
        assertStatus(NfsStatus.NFS3ERR_INVAL, nfs.sendRename(nfs.makeRenameRequest(dir, "outer", outer, "itself")));

        assertStatus(NfsStatus.NFS3ERR_ISDIR, nfs.sendRename(nfs.makeRenameRequest(dir, "target", dir, "outer")),
                "a file over a directory");
        assertStatus(NfsStatus.NFS3ERR_NOTDIR, nfs.sendRename(nfs.makeRenameRequest(outer, "inner", dir, "a-file")),
                "a directory over a file");
        mkdir(dir, "full", 0755);
        create(lookup(dir, "full").getFileHandle(), "x", 0644);
        int notEmpty = nfs.sendRename(nfs.makeRenameRequest(outer, "inner", dir, "full")).getState();
        assertTrue(notEmpty == NfsStatus.NFS3ERR_NOTEMPTY.getValue() || notEmpty == NfsStatus.NFS3ERR_EXIST.getValue(),
                "a directory over a non-empty one: NOTEMPTY or EXIST (RFC 1813), got " + notEmpty);

        assertStatus(NfsStatus.NFS3_OK, nfs.sendRename(nfs.makeRenameRequest(dir, "target", dir, "target")),
                "a rename onto itself does nothing");
        assertEquals(sourceId, lookup(dir, "target").getAttributes().getFileid());
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRename(nfs.makeRenameRequest(dir, "target", inner, "moved-down")));
        assertEquals(sourceId, lookup(inner, "moved-down").getAttributes().getFileid(), "across directories");
        assertStatus(NfsStatus.NFS3ERR_NOENT, nfs.sendRename(nfs.makeRenameRequest(dir, "target", dir, "again")));
    }

    @Test
    void linkCountsLinks() throws Exception {
        byte[] file = create(dir, "original", 0644);
        assertEquals(1, attributes(file).getNlink());

        Nfs3LinkResponse link = nfs.sendLink(nfs.makeLinkRequest(file, dir, "second-name"));
        assertStatus(NfsStatus.NFS3_OK, link);
        assertEquals(2, link.getAttributes().getNlink(), "LINK's post-op attributes of the file");
        assertNotNull(link.getDirectoryWccData().getAttributes());
        assertEquals(fileid(file), lookup(dir, "second-name").getAttributes().getFileid());
        assertEquals(2, attributes(file).getNlink());

        assertStatus(NfsStatus.NFS3ERR_EXIST, nfs.sendLink(nfs.makeLinkRequest(file, dir, "original")));
        assertStatus(NfsStatus.NFS3ERR_NOTDIR, nfs.sendLink(nfs.makeLinkRequest(file, file, "x")));

        assertStatus(NfsStatus.NFS3_OK, nfs.sendRemove(nfs.makeRemoveRequest(dir, "original")));
        assertEquals(1, attributes(file).getNlink(), "one name left; the handle still works");
        assertEquals(1, lookup(dir, "second-name").getAttributes().getNlink());
    }

    @Test
    void readdirAndReaddirplusPageWithCookies() throws Exception {
        Set<String> expected = new TreeSet<>(List.of(".", ".."));
        for (int i = 0; i < 300; i++) {
            String name = String.format("file-%03d-%s", i, "x".repeat(i % 40));
            create(dir, name, 0644);
            expected.add(name);
        }

        List<String> names = new ArrayList<>();
        long cookie = 0;
        long verifier = 0;
        int pages = 0;
        boolean eof = false;
        while (!eof) {
            Nfs3ReaddirResponse page = nfs.getReaddir(nfs.makeReaddirRequest(dir, cookie, verifier, 1024));
            assertStatus(NfsStatus.NFS3_OK, page);
            assertFalse(page.getEntries().isEmpty() && !page.isEof(), "a page that is not the last has entries");
            for (NfsDirectoryEntry entry : page.getEntries()) {
                names.add(entry.getFileName());
            }
            cookie = page.getCookie();
            verifier = page.getCookieverf();
            eof = page.isEof();
            pages++;
            assertTrue(pages < 1000, "the listing ends");
        }
        assertEquals(expected.size(), names.size(), "no entry twice: " + names.size());
        assertEquals(expected, new TreeSet<>(names));
        assertTrue(pages > 10, "1 KiB pages for 302 entries: " + pages);

        Nfs3ReaddirResponse first = nfs.getReaddir(nfs.makeReaddirRequest(dir, 0, 0, 1024));
        long middle = first.getCookie();
        assertStatus(NfsStatus.NFS3ERR_BAD_COOKIE, nfs.getReaddir(nfs.makeReaddirRequest(dir, middle, 0x1234_5678L, 1024)),
                "a cookie verifier the server never handed out");
        assertStatus(NfsStatus.NFS3ERR_TOOSMALL, nfs.getReaddir(nfs.makeReaddirRequest(dir, 0, 0, 16)));
        assertStatus(NfsStatus.NFS3ERR_NOTDIR,
                nfs.getReaddir(nfs.makeReaddirRequest(lookup(dir, "file-000-").getFileHandle(), 0, 0, 1024)));

        List<NfsDirectoryPlusEntry> plus = new ArrayList<>();
        cookie = 0;
        verifier = 0;
        pages = 0;
        eof = false;
        while (!eof) {
            Nfs3ReaddirplusResponse page = nfs.getReaddirplus(nfs.makeReaddirplusRequest(dir, cookie, verifier, 512, 4096));
            assertStatus(NfsStatus.NFS3_OK, page);
            plus.addAll(page.getEntries());
            cookie = page.getCookie();
            verifier = page.getCookieverf();
            eof = page.isEof();
            pages++;
            assertTrue(pages < 1000, "the listing ends");
        }
        assertEquals(expected, new TreeSet<>(plus.stream().map(NfsDirectoryEntry::getFileName).toList()));
        assertEquals(expected.size(), plus.size(), "no entry twice");
        assertTrue(pages > 10, "4 KiB pages with attributes for 302 entries: " + pages);
        for (NfsDirectoryPlusEntry entry : plus) {
            assertNotNull(entry.getAttributes(), entry.getFileName());
            assertEquals(entry.getFileId(), entry.getAttributes().getFileid(), entry.getFileName());
            if (!entry.getFileName().startsWith(".")) {
                assertEquals(NfsType.NFS_REG, entry.getAttributes().getType());
                assertArrayEquals(lookup(dir, entry.getFileName()).getFileHandle(), entry.getFileHandle(),
                        "READDIRPLUS hands out the handle LOOKUP does: " + entry.getFileName());
            }
        }
    }

    @Test
    void fsstatFsinfoAndPathconf() throws Exception {
        NfsFsStat stat = nfs.getFsStat(nfs.makeFsStatRequest(dir)).getFsStat();
        assertNotNull(stat);
        assertTrue(stat.tbytes > 0 && stat.fbytes <= stat.tbytes && stat.bytes <= stat.fbytes, stat.toString());
        assertTrue(stat.tfiles > 0 && stat.ffiles <= stat.tfiles && stat.afiles <= stat.ffiles, stat.toString());

        NfsFsInfo info = nfs.getFsInfo(nfs.makeFsInfoRequest(root)).getFsInfo();
        assertNotNull(info);
        assertEquals(MiB, info.rtmax, "rtmax");
        assertEquals(MiB, info.wtmax, "wtmax");
        assertTrue(info.rtpref > 0 && info.rtpref <= info.rtmax, "rtpref " + info.rtpref);
        assertTrue(info.wtpref > 0 && info.wtpref <= info.wtmax, "wtpref " + info.wtpref);
        assertEquals(4096, info.rtmult);
        assertEquals(4096, info.wtmult);
        assertTrue(info.dtpref > 0, "dtpref " + info.dtpref);
        assertTrue(info.maxfilesize >= (1L << 40), "maxfilesize " + info.maxfilesize);
        assertEquals(FSINFO_PROPERTIES, info.properties, "LINK, SYMLINK, HOMOGENEOUS, CANSETTIME");

        var pathconf = nfs.getPathconf(nfs.makePathconfRequest(dir));
        assertStatus(NfsStatus.NFS3_OK, pathconf);
        NfsPosixAttributes posix = pathconf.getPosixAttributes();
        assertEquals(255, posix.getNameMaximum());
        assertTrue(posix.getLinkMaximum() > 1, "linkmax " + posix.getLinkMaximum());
        assertTrue(posix.isNoTruncation(), "long names are refused, not cut");
        assertTrue(posix.isChownRestricted());
        assertFalse(posix.isCaseInsensitive());
        assertTrue(posix.isCasePreserving());
    }

    @Test
    void forgedAndStaleHandlesAreRefused() throws Exception {
        byte[] file = create(dir, "file", 0644);
        byte[] forged = file.clone();
        forged[forged.length - 1] ^= 0x01;
        int status = nfs.getAttr(nfs.makeGetAttrRequest(forged)).getState();
        assertTrue(status == NfsStatus.NFS3ERR_BADHANDLE.getValue() || status == NfsStatus.NFS3ERR_STALE.getValue(),
                "a handle with a wrong MAC: BADHANDLE or STALE, got " + status);
        int lookupStatus = nfs.getLookup(nfs.makeLookupRequest(forged, "x")).getState();
        assertEquals(status, lookupStatus, "the same for a directory handle");
        assertStatus(NfsStatus.NFS3ERR_BADHANDLE, nfs.getAttr(nfs.makeGetAttrRequest(new byte[] {1, 2, 3, 4, 5})),
                "a handle of the wrong length");
        byte[] emptyHandle = new byte[0];
        assertStatus(NfsStatus.NFS3ERR_BADHANDLE, nfs.getAttr(nfs.makeGetAttrRequest(emptyHandle)));

        assertStatus(NfsStatus.NFS3_OK, nfs.sendRemove(nfs.makeRemoveRequest(dir, "file")));
        assertStatus(NfsStatus.NFS3ERR_STALE, nfs.getAttr(nfs.makeGetAttrRequest(file)));
        assertStatus(NfsStatus.NFS3ERR_STALE, nfs.getRead(nfs.makeReadRequest(file, 0, 10), new byte[10], 0));
    }

    /**
     * RFC 1813 leaves the error for a '/' in a name open; Linux's knfsd answers ACCES, Cistern INVAL (its
     * PosixRules), which is asserted here as the current behaviour. What matters: no entry is made.
     */
    @Test
    void aNameWithASlashIsRefused() throws Exception {
        mkdir(dir, "a", 0755);
        assertStatus(NfsStatus.NFS3ERR_INVAL, nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir, "a/b",
                mode(0644), null)));
        assertStatus(NfsStatus.NFS3ERR_INVAL, nfs.sendMkdir(nfs.makeMkdirRequest(dir, "a/c", mode(0755))));
        assertEquals(2, attributes(lookup(dir, "a").getFileHandle()).getNlink(), "nothing was made in a/");
        int lookupStatus = nfs.getLookup(nfs.makeLookupRequest(dir, "a/b")).getState();
        assertNotEquals(NfsStatus.NFS3_OK.getValue(), lookupStatus);
        assertTrue(lookupStatus == NfsStatus.NFS3ERR_INVAL.getValue() || lookupStatus == NfsStatus.NFS3ERR_NOENT.getValue(),
                "LOOKUP of a/b: " + lookupStatus);
    }

    @Test
    void namesLongerThan255BytesAreNametoolong() throws Exception {
        String longest = "n".repeat(255);
        String tooLong = "n".repeat(256);
        String longestUtf8 = "é".repeat(127) + "x";     // 255 bytes, 128 characters
        String tooLongUtf8 = "é".repeat(128);            // 256 bytes, 128 characters

        create(dir, longest, 0644);
        assertEquals(NfsType.NFS_REG, lookup(dir, longest).getAttributes().getType());
        create(dir, longestUtf8, 0644);
        assertStatus(NfsStatus.NFS3ERR_NAMETOOLONG, nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir,
                tooLong, mode(0644), null)));
        assertStatus(NfsStatus.NFS3ERR_NAMETOOLONG, nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.UNCHECKED, dir,
                tooLongUtf8, mode(0644), null)), "255 is a count of bytes, not of characters");
        assertStatus(NfsStatus.NFS3ERR_NAMETOOLONG, nfs.sendMkdir(nfs.makeMkdirRequest(dir, tooLong, mode(0755))));
        assertStatus(NfsStatus.NFS3ERR_NAMETOOLONG, nfs.getLookup(nfs.makeLookupRequest(dir, tooLong)));
        assertStatus(NfsStatus.NFS3ERR_NAMETOOLONG, nfs.sendRename(nfs.makeRenameRequest(dir, longest, dir, tooLong)));
    }

    /**
     * The client's java.io-like layer, as an application would use it: directories, streams, listing, rename,
     * delete. Its mkdir() and createNewFile() send no mode; like Linux's knfsd, Cistern then makes the object with
     * mode 0 (nfsd_create_setattr leaves ia_mode 0), which this test checks and then fixes with setMode.
     */
    @Test
    void theClientsFileApiWritesListsRenamesAndDeletes() throws Exception {
        Nfs3File streams = nfs.newFile("/" + dirName + "/streams");
        streams.mkdir();
        assertTrue(streams.isDirectory());
        assertEquals(0, streams.getMode(), "MKDIR without a mode");
        streams.setMode(0755);
        Nfs3File directory = streams.getChildFile("deeper");
        directory.mkdir(mode(0755));
        Nfs3File file = directory.getChildFile("data.bin");
        assertTrue(file.createNewFile());
        assertFalse(file.createNewFile(), "it exists now");
        assertEquals(0, file.getMode(), "CREATE without a mode");
        assertFalse(file.canModify(), "ACCESS tells the client it may not write a file of mode 0");
        file.setMode(0644);
        byte[] content = new byte[3 * MiB + 17];
        new Random(7).nextBytes(content);
        try (OutputStream out = new NfsFileOutputStream(file)) {
            out.write(content);
        }
        assertEquals(content.length, file.lengthEx());
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = new NfsFileInputStream(file)) {
            in.transferTo(back);
        }
        assertArrayEquals(content, back.toByteArray());
        assertEquals(List.of("data.bin"), directory.list().stream().filter(n -> !n.startsWith(".")).toList());

        Nfs3File renamed = directory.getChildFile("renamed.bin");
        assertTrue(file.renameTo(renamed));     // the client's File object now names the destination
        assertFalse(directory.getChildFile("data.bin").exists());
        assertEquals(content.length, renamed.lengthEx());
        renamed.delete();
        assertFalse(renamed.exists());
        NfsException notEmpty = assertThrows(NfsException.class, streams::delete);
        assertEquals(NfsStatus.NFS3ERR_NOTEMPTY, notEmpty.getStatus());
        directory.delete();
        streams.delete();
        assertFalse(streams.exists());
    }

    /**
     * A client checks permissions when it opens, so open(O_CREAT | O_WRONLY, 0444) (cp, tar and rsync of a
     * read-only file) is a CREATE with mode 0444 followed by WRITEs, which the owner must be allowed (knfsd's
     * owner override); anybody else is refused.
     */
    @Test
    void theOwnerWritesAFileItCreatedReadOnly() throws Exception {
        byte[] file = create(dir, "read-only", 0444);
        write(file, "still written".getBytes(StandardCharsets.US_ASCII));
        assertEquals(13, attributes(file).getSize());
        assertStatus(NfsStatus.NFS3ERR_ACCES, other.sendWrite(other.makeWriteRequest(file, 0,
                payload(ByteBuffer.wrap(new byte[1])), NfsWriteRequest.FILE_SYNC)));
        assertEquals(ACCESS_READ, access(nfs, file, ACCESS_ALL), "ACCESS still tells the mode's truth");
    }

    /**
     * FSINFO says maxfilesize is 2^63 - 1. A WRITE that would end past it, or a SETATTR to a larger size, is
     * NFS3ERR_FBIG ("the operation would have caused a file to grow beyond the server's limit", RFC 1813; Linux's
     * knfsd answers FBIG for both). Sizes up to the limit are fine.
     */
    @Test
    void growingPastMaxfilesizeIsFbig() throws Exception {
        byte[] file = create(dir, "file", 0644);
        long maxFileSize = nfs.getFsInfo(nfs.makeFsInfoRequest(root)).getFsInfo().maxfilesize;
        assertEquals(Long.MAX_VALUE, maxFileSize);
        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(file, size(maxFileSize), null)),
                "a size of exactly maxfilesize");
        assertEquals(maxFileSize, attributes(file).getSize());
        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(file, size(0), null)));

        assertStatus(NfsStatus.NFS3ERR_FBIG, nfs.sendWrite(nfs.makeWriteRequest(file, maxFileSize - 2,
                payload(ByteBuffer.wrap(new byte[] {1, 2, 3})), NfsWriteRequest.FILE_SYNC)),
                "a WRITE of 3 bytes at 2^63 - 3 would end at 2^63");
        assertStatus(NfsStatus.NFS3ERR_FBIG, nfs.setAttr(nfs.makeSetAttrRequest(file, size(Long.MIN_VALUE), null)),
                "SETATTR size 2^63 (as uint64)");
        assertEquals(0, attributes(file).getSize(), "nothing changed");
    }

    /**
     * FSSTAT's figures are uint64 and must stay consistent (tbytes >= fbytes >= abytes) whatever the files'
     * sizes. Two sparse files of maxfilesize (2^63 - 1) each are legal; the server must not wrap its total.
     */
    @Test
    void fsstatTotalsDoNotWrapWithHugeSparseFiles() throws Exception {
        byte[] first = create(dir, "huge-1", 0644);
        byte[] second = create(dir, "huge-2", 0644);
        try {
            assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(first, size(Long.MAX_VALUE), null)));
            assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(second, size(Long.MAX_VALUE), null)));
            NfsFsStat stat = nfs.getFsStat(nfs.makeFsStatRequest(root)).getFsStat();
            assertTrue(Long.compareUnsigned(stat.tbytes, stat.fbytes) >= 0,
                    "tbytes " + Long.toUnsignedString(stat.tbytes) + " < fbytes " + Long.toUnsignedString(stat.fbytes));
            assertTrue(Long.compareUnsigned(stat.tbytes, Long.MAX_VALUE) >= 0,
                    "the total holds at least one of the files: " + Long.toUnsignedString(stat.tbytes));
        } finally {
            nfs.sendRemove(nfs.makeRemoveRequest(dir, "huge-1"));
            nfs.sendRemove(nfs.makeRemoveRequest(dir, "huge-2"));
        }
    }

    /**
     * The share squashes root to 65534, who gets no privilege: it cannot create in a 0755 directory of uid 1000,
     * chmod that user's files, or read them past their mode; what it creates at the (01777) top belongs to 65534.
     * AUTH_SYS supplementary groups count: a member of group 1000 reads a 0640 file of group 1000.
     */
    @Test
    void rootIsSquashedAndSupplementaryGroupsCount() throws Exception {
        Nfs3 asRoot = new Nfs3("127.0.0.1", "/data", root, new CredentialUnix(0, 0, null), 3);
        Nfs3 member = new Nfs3("127.0.0.1", "/data", root, new CredentialUnix(2001, 2001, Set.of(GID)), 3);
        byte[] file = create(dir, "owned-by-1000", 0640);
        write(file, "secret".getBytes(StandardCharsets.US_ASCII));

        assertStatus(NfsStatus.NFS3ERR_ACCES, asRoot.sendCreate(asRoot.makeCreateRequest(NfsCreateMode.GUARDED, dir,
                "by-root", mode(0644), null)), "squashed root in a 0755 directory of another user");
        assertStatus(NfsStatus.NFS3ERR_PERM, asRoot.setAttr(asRoot.makeSetAttrRequest(file, mode(0777), null)));
        assertStatus(NfsStatus.NFS3ERR_ACCES, asRoot.getRead(asRoot.makeReadRequest(file, 0, 6), new byte[6], 0));
        Nfs3CreateResponse atTop = asRoot.sendCreate(asRoot.makeCreateRequest(NfsCreateMode.GUARDED, root,
                dirName + "-by-root", mode(0644), null));
        assertStatus(NfsStatus.NFS3_OK, atTop);
        assertEquals(65534, atTop.getAttributes().getUid(), "root squashed to 65534");
        assertEquals(65534, atTop.getAttributes().getGid());

        byte[] read = new byte[6];
        assertStatus(NfsStatus.NFS3_OK, member.getRead(member.makeReadRequest(file, 0, 6), read, 0));
        assertEquals("secret", new String(read, StandardCharsets.US_ASCII), "group 1000 from the supplementary list");
        assertEquals(ACCESS_READ, access(member, file, ACCESS_ALL));
        assertStatus(NfsStatus.NFS3ERR_ACCES, member.sendWrite(member.makeWriteRequest(file, 0,
                payload(ByteBuffer.wrap(new byte[1])), NfsWriteRequest.FILE_SYNC)), "the group may only read");
    }

    /** Linux inode_init_owner: in a set-group-ID directory new entries take its group, new directories the bit. */
    @Test
    void newEntriesInASetgidDirectoryTakeItsGroup() throws Exception {
        Nfs3 member = new Nfs3("127.0.0.1", "/data", root, new CredentialUnix(2001, 2001, Set.of(GID)), 3);
        byte[] shared = mkdir(dir, "shared", 02775);
        assertEquals(02775, attributes(shared).getMode());

        Nfs3CreateResponse file = member.sendCreate(member.makeCreateRequest(NfsCreateMode.GUARDED, shared, "file",
                mode(0644), null));
        assertStatus(NfsStatus.NFS3_OK, file);
        assertEquals(2001, file.getAttributes().getUid());
        assertEquals(GID, file.getAttributes().getGid(), "the directory's group, not the creator's");
        var sub = member.sendMkdir(member.makeMkdirRequest(shared, "sub", mode(0755)));
        assertStatus(NfsStatus.NFS3_OK, sub);
        assertEquals(GID, sub.getAttributes().getGid());
        assertEquals(02755, sub.getAttributes().getMode(), "a new directory inherits set-group-ID");

        Nfs3CreateResponse plain = member.sendCreate(member.makeCreateRequest(NfsCreateMode.GUARDED, dir, "plain",
                mode(0644), null));
        assertStatus(NfsStatus.NFS3ERR_ACCES, plain, "2001 may not write the 0755 directory of 1000");
    }

    /**
     * What clients keep their caches by: a WRITE moves the file's mtime and ctime, a SETATTR of the mode its ctime
     * only, a LINK its ctime; a CREATE, REMOVE or RENAME moves the directories' mtime and ctime; a subdirectory
     * counts in its parent's link count and moves with a RENAME.
     */
    @Test
    void timesAndLinkCountsFollowEveryChange() throws Exception {
        byte[] a = mkdir(dir, "a", 0755);
        byte[] b = mkdir(dir, "b", 0755);
        NfsGetAttributes dirBefore = attributes(a);
        pause();
        byte[] file = create(a, "file", 0644);
        NfsGetAttributes dirAfter = attributes(a);
        assertTrue(nanos(dirAfter.getMtime()) > nanos(dirBefore.getMtime()), "CREATE moves the directory's mtime");
        assertTrue(nanos(dirAfter.getCtime()) > nanos(dirBefore.getCtime()), "and its ctime");

        NfsGetAttributes before = attributes(file);
        pause();
        write(file, "some bytes".getBytes(StandardCharsets.US_ASCII));
        NfsGetAttributes written = attributes(file);
        assertTrue(nanos(written.getMtime()) > nanos(before.getMtime()), "WRITE moves mtime");
        assertTrue(nanos(written.getCtime()) > nanos(before.getCtime()), "WRITE moves ctime");

        pause();
        assertStatus(NfsStatus.NFS3_OK, nfs.setAttr(nfs.makeSetAttrRequest(file, mode(0600), null)));
        NfsGetAttributes chmodded = attributes(file);
        assertEquals(nanos(written.getMtime()), nanos(chmodded.getMtime()), "a chmod leaves mtime");
        assertTrue(nanos(chmodded.getCtime()) > nanos(written.getCtime()), "a chmod moves ctime");

        pause();
        assertStatus(NfsStatus.NFS3_OK, nfs.sendLink(nfs.makeLinkRequest(file, b, "hard-link")));
        assertTrue(nanos(attributes(file).getCtime()) > nanos(chmodded.getCtime()), "LINK moves the file's ctime");

        NfsGetAttributes aBefore = attributes(a);
        NfsGetAttributes bBefore = attributes(b);
        pause();
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRename(nfs.makeRenameRequest(a, "file", b, "moved")));
        assertTrue(nanos(attributes(a).getMtime()) > nanos(aBefore.getMtime()), "RENAME moves the source's mtime");
        assertTrue(nanos(attributes(b).getMtime()) > nanos(bBefore.getMtime()), "and the target's");

        NfsGetAttributes beforeRemove = attributes(b);
        pause();
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRemove(nfs.makeRemoveRequest(b, "hard-link")));
        assertTrue(nanos(attributes(b).getMtime()) > nanos(beforeRemove.getMtime()), "REMOVE moves the mtime");
        assertEquals(1, attributes(file).getNlink());

        long aLinks = attributes(a).getNlink();
        long bLinks = attributes(b).getNlink();
        mkdir(a, "sub", 0755);
        assertEquals(aLinks + 1, attributes(a).getNlink(), "a subdirectory's '..' links its parent");
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRename(nfs.makeRenameRequest(a, "sub", b, "sub")));
        assertEquals(aLinks, attributes(a).getNlink(), "the old parent loses the link");
        assertEquals(bLinks + 1, attributes(b).getNlink(), "the new parent gains it");
        assertEquals(attributes(b).getFileid(), lookup(lookup(b, "sub").getFileHandle(), "..").getAttributes().getFileid(),
                "'..' of the moved directory is its new parent");
        assertStatus(NfsStatus.NFS3_OK, nfs.sendRmdir(nfs.makeRmdirRequest(b, "sub")));
        assertEquals(bLinks, attributes(b).getNlink());
    }

    /**
     * The write verifier is what lets a client find out that unstable writes may be lost: it must stay the same
     * while the server runs and change when it restarts. Handles and committed data survive the restart. Runs
     * last: it restarts this class's Cistern (same data directory and ports).
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theWriteVerifierChangesWhenTheServerRestartsAndHandlesSurvive() throws Exception {
        byte[] file = create(dir, "survivor", 0644);
        byte[] first = "committed before the restart".getBytes(StandardCharsets.US_ASCII);
        Nfs3WriteResponse unstable = nfs.sendWrite(nfs.makeWriteRequest(file, 0, payload(ByteBuffer.wrap(first)),
                NfsWriteRequest.UNSTABLE));
        assertStatus(NfsStatus.NFS3_OK, unstable);
        long before = unstable.getVerf();
        Nfs3CommitResponse commit = nfs.sendCommit(nfs.makeCommitRequest(file, 0, 0));
        assertStatus(NfsStatus.NFS3_OK, commit);
        assertEquals(before, commit.getVerf());

        assertEquals(0, cistern.stop(Duration.ofMinutes(2)), "a clean stop");
        cistern = CisternProcess.configure(cistern.dataDirectory(), Map.of("CISTERN_PORTMAPPER", "on",
                "CISTERN_NFS_PORT", Integer.toString(cistern.nfsPort()),
                "CISTERN_SMB_PORT", Integer.toString(cistern.smbPort()),
                "CISTERN_HTTP_PORT", Integer.toString(cistern.httpPort()))).startAndAwaitReady();
        awaitServer();

        NfsGetAttributes survived = attributes(file);
        assertEquals(first.length, survived.getSize(), "the handle still names the file, with its committed size");
        byte[] read = new byte[first.length];
        assertStatus(NfsStatus.NFS3_OK, nfs.getRead(nfs.makeReadRequest(file, 0, read.length), read, 0));
        assertArrayEquals(first, read, "committed data survives the restart");
        assertEquals(NfsType.NFS_DIR, attributes(root).getType(), "the root handle from MOUNT survives too");

        Nfs3WriteResponse after = nfs.sendWrite(nfs.makeWriteRequest(file, first.length,
                payload(ByteBuffer.wrap(new byte[] {'!'})), NfsWriteRequest.UNSTABLE));
        assertStatus(NfsStatus.NFS3_OK, after);
        assertNotEquals(before, after.getVerf(), "a restarted server has a new write verifier");
        Nfs3CommitResponse commitAfter = nfs.sendCommit(nfs.makeCommitRequest(file, 0, 0));
        assertStatus(NfsStatus.NFS3_OK, commitAfter);
        assertEquals(after.getVerf(), commitAfter.getVerf());
    }

    /** After a restart the client's old TCP connection is gone; its next call opens a new one. */
    private void awaitServer() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                nfs.nullCall();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the client did not reach the restarted server", e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Enough for a clock with coarse ticks to move. */
    private static void pause() throws InterruptedException {
        Thread.sleep(20);
    }

    private static long nanos(NfsTime time) throws ReflectiveOperationException {
        return field(time, "seconds") * 1_000_000_000L + field(time, "nanoseconds");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertStatus(NfsStatus expected, NfsResponseBase response) {
        assertStatus(expected, response, "");
    }

    private static void assertStatus(NfsStatus expected, NfsResponseBase response, String what) {
        assertEquals(name(expected.getValue()), name(response.getState()), what);
    }

    private static String name(int status) {
        for (Field field : NfsStatus.class.getFields()) {
            try {
                if (field.getType() == NfsStatus.class && ((NfsStatus) field.get(null)).getValue() == status) {
                    return field.getName() + " (" + status + ")";
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return "status " + status;
    }

    private NfsGetAttributes attributes(byte[] handle) throws IOException {
        Nfs3GetAttrResponse response = nfs.getAttr(nfs.makeGetAttrRequest(handle));
        assertStatus(NfsStatus.NFS3_OK, response, "GETATTR");
        return response.getAttributes();
    }

    private long fileid(byte[] handle) throws IOException {
        return attributes(handle).getFileid();
    }

    private Nfs3LookupResponse lookup(byte[] directory, String name) throws IOException {
        Nfs3LookupResponse response = nfs.getLookup(nfs.makeLookupRequest(directory, name));
        assertStatus(NfsStatus.NFS3_OK, response, "LOOKUP " + name);
        return response;
    }

    private byte[] create(byte[] directory, String name, int mode) throws IOException {
        Nfs3CreateResponse response = nfs.sendCreate(nfs.makeCreateRequest(NfsCreateMode.GUARDED, directory, name,
                mode(mode), null));
        assertStatus(NfsStatus.NFS3_OK, response, "CREATE " + name);
        return response.getFileHandle();
    }

    private byte[] mkdir(byte[] directory, String name, int mode) throws IOException {
        var response = nfs.sendMkdir(nfs.makeMkdirRequest(directory, name, mode(mode)));
        assertStatus(NfsStatus.NFS3_OK, response, "MKDIR " + name);
        return response.getFileHandle();
    }

    private void write(byte[] file, byte[] data) throws IOException {
        Nfs3WriteResponse response = nfs.sendWrite(nfs.makeWriteRequest(file, 0, payload(ByteBuffer.wrap(data)),
                NfsWriteRequest.FILE_SYNC));
        assertStatus(NfsStatus.NFS3_OK, response, "WRITE");
        assertEquals(data.length, response.getCount());
    }

    private static long access(Nfs3 client, byte[] handle, int wanted) throws IOException {
        var response = client.getAccess(client.makeAccessRequest(handle, wanted));
        assertStatus(NfsStatus.NFS3_OK, response, "ACCESS");
        return response.getAccess();
    }

    /** The client appends XDR padding to the payload list it is given, so that list must be mutable. */
    private static List<ByteBuffer> payload(ByteBuffer data) {
        return new ArrayList<>(List.of(data));
    }

    private static NfsSetAttributes mode(long mode) {
        NfsSetAttributes attributes = new NfsSetAttributes();
        attributes.setMode(mode);
        return attributes;
    }

    private static NfsSetAttributes size(long size) {
        NfsSetAttributes attributes = new NfsSetAttributes();
        attributes.setSize(size);
        return attributes;
    }

    /**
     * A guard time (a bare nfstime3) with the seconds and nanoseconds the client decoded: its public constructors
     * keep milliseconds only, which would never match a server's nanosecond ctime.
     */
    private static NfsTime exactTime(NfsTime decoded) throws ReflectiveOperationException {
        long seconds = field(decoded, "seconds");
        long nanoseconds = field(decoded, "nanoseconds");
        return new NfsTime(0, false) {
            @Override
            public void marshalling(Xdr xdr) {
                xdr.putUnsignedInt(seconds);
                xdr.putUnsignedInt(nanoseconds);
            }
        };
    }

    private static long field(NfsTime time, String name) throws ReflectiveOperationException {
        Field field = NfsTime.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.getLong(time);
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
