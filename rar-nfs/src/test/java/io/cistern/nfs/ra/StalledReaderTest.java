package io.cistern.nfs.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.UnsupportedNfsListener;
import io.cistern.nfs.nfs3.Nfs3Program;
import io.cistern.nfs.nfs3.Nfs3Samples;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends READs and does not read the replies must not make the server queue a megabyte per call
 * without end: its connection stops being read once its replies back up, everyone else is still served, and
 * when it reads again every call is answered.
 */
class StalledReaderTest {
    private static final int READ = 6;
    private static final int MIB = 1 << 20;
    private static final int CALLS = 600;

    private final AtomicInteger readsServed = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private NioEventLoopGroup loops;
    private NfsTcpServer server;

    @BeforeEach
    void startServer() throws Exception {
        byte[] data = new byte[MIB];
        NfsListener listener = new UnsupportedNfsListener() {
            @Override
            public NfsReadReply read(NfsCaller caller, byte[] handle, long offset, int count) {
                readsServed.incrementAndGet();
                return new NfsReadReply(NfsStatus.OK, Nfs3Samples.FILE_ATTRIBUTES, ByteBuffer.wrap(data, 0, count), false);
            }
        };
        RequestExecutor executor = task -> {
            workers.execute(() -> task.accept(listener));
            return true;
        };
        loops = new NioEventLoopGroup(2);
        server = NfsTcpServer.bind(loops, NioServerSocketChannel.class, AdapterHarness.LOOPBACK, 0,
                Map.of(Nfs3Program.PROGRAM, Nfs3Program.create()), executor, 5_000);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownNow();
    }

    @Test
    void aClientThatStopsReadingIsPausedAndGetsEveryReplyOnceItReads() throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(64 * 1024);
            stalled.connect(new InetSocketAddress(AdapterHarness.LOOPBACK, server.port()));
            stalled.setSoTimeout(30_000);
            Thread sender = new Thread(() -> sendReads(stalled), "stalled-sender");
            sender.start();

            int served = awaitSteady(readsServed);
            // 128 calls in flight at most, 8 MiB queued before the pause, the sockets' buffers: far below 600
            assertTrue(served < 250, served + " READs were served to a client that reads nothing");

            AcceptStat other = RpcSocketClient.overTcp(server.port(), 1, Nfs3Program.PROGRAM, 3, READ,
                    readArguments(0)).header().acceptStat();
            assertEquals(AcceptStat.SUCCESS, other, "another client is served meanwhile");

            assertEquals(Set.copyOf(xids()), readReplies(stalled), "every call is answered once the client reads");
            sender.join(10_000);
        }
    }

    private void sendReads(Socket socket) {
        try {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            for (int xid = 1000; xid < 1000 + CALLS; xid++) {
                byte[] call = RpcSocketClient.call(xid, Nfs3Program.PROGRAM, 3, READ, readArguments(xid));
                out.writeInt(0x8000_0000 | call.length);
                out.write(call);
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Consumer<XdrWriter> readArguments(long offset) {
        return out -> out.writeOpaque(Nfs3Samples.FILE).writeLong(offset * MIB).writeInt(MIB);
    }

    private static java.util.List<Integer> xids() {
        return java.util.stream.IntStream.range(1000, 1000 + CALLS).boxed().toList();
    }

    /** The count once it has not moved for a second. */
    private static int awaitSteady(AtomicInteger count) throws InterruptedException {
        int last = -1;
        while (count.get() != last) {
            last = count.get();
            Thread.sleep(1_000);
        }
        return last;
    }

    private static Set<Integer> readReplies(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Set<Integer> answered = new HashSet<>();
        for (int i = 0; i < CALLS; i++) {
            int header = in.readInt();
            byte[] reply = new byte[header & 0x7FFF_FFFF];
            in.readFully(reply);
            assertTrue(reply.length > MIB, "a whole READ reply, not " + reply.length + " bytes");
            answered.add(ByteBuffer.wrap(reply).getInt());
        }
        return answered;
    }
}
