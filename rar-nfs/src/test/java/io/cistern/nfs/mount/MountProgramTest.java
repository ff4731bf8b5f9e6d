package io.cistern.nfs.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.mount.wire.Exports;
import io.cistern.nfs.mount.wire.MountBody;
import io.cistern.nfs.mount.wire.MountList;
import io.cistern.nfs.mount.wire.MountRes3;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsExport;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsMountReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MOUNT v3 through the RPC layer, from two client addresses, against an application that records what it is told. */
class MountProgramTest {
    private static final List<NfsExport> EXPORTS = List.of(
            new NfsExport("/data", List.of()),
            new NfsExport("/home", List.of("10.0.0.0/8", "builder.example")),
            new NfsExport("/pub", List.of("*")));

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final NfsListener application = new UnsupportedNfsListener() {
        @Override
        public NfsMountReply mount(NfsCaller caller, String path) {
            calls.add("mount " + caller.client().getAddress().getHostAddress() + " " + path);
            return switch (path) {
                case "/data", "/home" -> new NfsMountReply(NfsStatus.OK, handle(path), List.of());
                case "/pub" -> new NfsMountReply(NfsStatus.OK, handle(path), List.of(0, 1));
                case "/secret" -> NfsMountReply.failure(NfsStatus.ACCES);
                case "/file" -> NfsMountReply.failure(NfsStatus.NOTDIR);
                case "/exists" -> NfsMountReply.failure(NfsStatus.EXIST);
                case "/no-handle" -> new NfsMountReply(NfsStatus.OK, null, List.of());
                default -> NfsMountReply.failure(NfsStatus.NOENT);
            };
        }

        @Override
        public void unmount(NfsCaller caller, String path) {
            calls.add("unmount " + caller.client().getAddress().getHostAddress() + " " + path);
        }

        @Override
        public List<NfsExport> exports(NfsCaller caller) {
            return EXPORTS;
        }
    };
    private final RequestExecutor inline = task -> {
        try {
            task.accept(application);
        } catch (RuntimeException expected) {
            // the RPC layer has answered SYSTEM_ERR
        }
        return true;
    };
    private final RpcProgram mount = MountProgram.create();
    private final List<MountClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(MountClient::close);
    }

    @Test
    void mntOfAnExportAnswersItsRootHandleAndFlavorsAndTellsTheApplication() throws Exception {
        MountClient client = client("10.0.0.1");
        NfsMountReply data = mnt(client, "/data");
        assertEquals(NfsStatus.OK, data.status());
        assertArrayEquals(handle("/data"), data.rootHandle());
        assertEquals(List.of(1), data.authFlavors(), "none given by the application: AUTH_SYS");
        assertEquals(List.of(0, 1), mnt(client, "/pub").authFlavors(), "the application's flavors as given");
        assertEquals(List.of("mount 10.0.0.1 /data", "mount 10.0.0.1 /pub"), calls);
    }

    @Test
    void deniedMntAnswersItsStatusAndStaysOffTheMountList() throws Exception {
        MountClient client = client("10.0.0.1");
        assertEquals(NfsStatus.ACCES, mnt(client, "/secret").status());
        assertEquals(NfsStatus.NOENT, mnt(client, "/nowhere").status());
        assertEquals(NfsStatus.NOTDIR, mnt(client, "/file").status());
        assertEquals(List.of(), dump(client));
    }

    @Test
    void aStatusMountDoesNotKnowOrAGrantWithoutHandleIsServerFault() throws Exception {
        MountClient client = client("10.0.0.1");
        assertEquals(NfsStatus.SERVERFAULT, mnt(client, "/exists").status(), "EXIST is no mountstat3");
        assertEquals(NfsStatus.SERVERFAULT, mnt(client, "/no-handle").status());
        assertEquals(List.of(), dump(client));
    }

    @Test
    void dumpListsTheMountsOfEveryClientOnceEach() throws Exception {
        MountClient first = client("10.0.0.1");
        MountClient second = client("10.0.0.2");
        mnt(first, "/data");
        mnt(first, "/home");
        mnt(second, "/data");
        mnt(first, "/home");
        assertEquals(List.of(new MountBody("10.0.0.1", "/data"), new MountBody("10.0.0.2", "/data"),
                new MountBody("10.0.0.1", "/home")), dump(second), "a repeated MNT is one entry, now the newest");
    }

    @Test
    void umntRemovesThatClientsEntryOnlyAndTellsTheApplication() throws Exception {
        MountClient first = client("10.0.0.1");
        MountClient second = client("10.0.0.2");
        mnt(first, "/data");
        mnt(first, "/home");
        mnt(second, "/data");
        calls.clear();
        first.call(MountProgram.PROC_UMNT, out -> out.writeString("/data"), XdrDecoder.VOID);
        assertEquals(List.of(new MountBody("10.0.0.1", "/home"), new MountBody("10.0.0.2", "/data")), dump(first));
        assertEquals(List.of("unmount 10.0.0.1 /data"), calls);
    }

    @Test
    void umntOfAPathNotListedStillReachesTheApplication() throws Exception {
        MountClient client = client("10.0.0.1");
        client.call(MountProgram.PROC_UMNT, out -> out.writeString("/home"), XdrDecoder.VOID);
        assertEquals(List.of("unmount 10.0.0.1 /home"), calls, "mounted before the adapter restarted");
    }

    @Test
    void umntallRemovesEveryEntryOfTheCallingClient() throws Exception {
        MountClient first = client("10.0.0.1");
        MountClient second = client("10.0.0.2");
        mnt(first, "/data");
        mnt(second, "/data");
        mnt(first, "/home");
        calls.clear();
        first.call(MountProgram.PROC_UMNTALL, out -> { }, XdrDecoder.VOID);
        assertEquals(List.of(new MountBody("10.0.0.2", "/data")), dump(second));
        assertEquals(List.of("unmount 10.0.0.1 /data", "unmount 10.0.0.1 /home"), calls);
    }

    @Test
    void exportListsEveryExportWithItsGroups() throws Exception {
        List<NfsExport> exports = client("10.0.0.1").call(MountProgram.PROC_EXPORT, out -> { }, Exports::decode);
        assertEquals(EXPORTS, exports);
    }

    @Test
    void aPathLongerThanMntpathlenIsGarbageAndNeverReachesTheApplication() throws Exception {
        MountClient client = client("10.0.0.1");
        RpcReply tooLong = client.reply(MountProgram.VERSION, MountProgram.PROC_MNT, out -> out.writeString("/" + "a".repeat(1024)));
        assertEquals(AcceptStat.GARBAGE_ARGS, tooLong.acceptStat());
        assertTrue(calls.isEmpty());
        assertEquals(NfsStatus.NOENT, mnt(client, "/" + "a".repeat(1023)).status(), "1024 bytes is a dirpath");
    }

    @Test
    void onlyVersionThreeIsServed() throws Exception {
        RpcReply v1 = client("10.0.0.1").reply(1, MountProgram.PROC_EXPORT, out -> { });
        assertEquals(AcceptStat.PROG_MISMATCH, v1.acceptStat());
        assertEquals(3, v1.low());
        assertEquals(3, v1.high());
    }

    private MountClient client(String ip) throws Exception {
        MountClient client = new MountClient(ip, mount, inline);
        clients.add(client);
        return client;
    }

    private static NfsMountReply mnt(MountClient client, String path) throws XdrException {
        return client.call(MountProgram.PROC_MNT, out -> out.writeString(path), MountRes3::decode);
    }

    private static List<MountBody> dump(MountClient client) throws XdrException {
        return client.call(MountProgram.PROC_DUMP, out -> { }, MountList::decode);
    }

    private static byte[] handle(String path) {
        return ("fh:" + path).getBytes(StandardCharsets.UTF_8);
    }
}
