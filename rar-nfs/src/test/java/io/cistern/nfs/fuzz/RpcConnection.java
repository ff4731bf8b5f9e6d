package io.cistern.nfs.fuzz;

import io.cistern.nfs.rpc.RecordMarkingDecoder;
import io.cistern.nfs.rpc.RecordMarkingEncoder;
import io.cistern.nfs.rpc.ReplyCache;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcProgram;
import io.cistern.nfs.spi.NfsListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One client connection through the adapter's TCP pipeline, as {@code NfsTcpServer} builds it (record marking
 * decoder with a cap, encoder, call handler with a reply cache and 128 calls in flight), on an
 * {@link EmbeddedChannel} whose allocator tracks every buffer. Calls run inline on a stand-in for the request
 * workers that, like them, keeps a failing call away from the connection but records it here, since the listener
 * never throws and so any failure is the adapter's.
 * <p>
 * The handler closes the connection on an exception (it logs it at FINE first): a closed connection is how a crash
 * shows, and the logged exception says why.
 */
final class RpcConnection implements AutoCloseable {
    /** The adapter's cap, {@code NfsTcpServer.MAX_RECORD_BYTES}: a 1 MiB WRITE and its headers. */
    static final int ADAPTER_MAX_RECORD_BYTES = (1 << 20) + 64 * 1024;
    private static final int MAX_CALLS_IN_FLIGHT = 128;

    private static final Logger HANDLER_LOG = Logger.getLogger(RpcCallHandler.class.getName());
    private static final List<Throwable> CLOSE_CAUSES = new ArrayList<>();

    static {
        HANDLER_LOG.setLevel(Level.FINE);
        HANDLER_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    synchronized (CLOSE_CAUSES) {
                        CLOSE_CAUSES.add(record.getThrown());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private final TrackingAllocator allocator = new TrackingAllocator();
    private final Map<Integer, RpcProgram> programs = FuzzPrograms.create();
    private final List<Throwable> callFailures = new ArrayList<>();
    private final EmbeddedChannel channel;
    private boolean workersBusy;
    private boolean closed;

    /** A client on this host (the portmapper takes registrations from such only). */
    static final InetSocketAddress LOCAL_CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1023);
    /** A client elsewhere (TEST-NET-1: an EmbeddedChannel sends nothing anywhere). */
    static final InetSocketAddress REMOTE_CLIENT = new InetSocketAddress("192.0.2.7", 51234);   // a literal: no lookup

    RpcConnection(int maxRecordBytes) {
        this(maxRecordBytes, LOCAL_CLIENT);
    }

    /** A connection from {@code client}, which the adapter sees as the peer's address. */
    RpcConnection(int maxRecordBytes, InetSocketAddress client) {
        synchronized (CLOSE_CAUSES) {
            CLOSE_CAUSES.clear();
        }
        NfsListener listener = new ScriptedListener();
        RequestExecutor workers = task -> {
            if (workersBusy) {
                return false;
            }
            try {
                task.accept(listener);
            } catch (RuntimeException e) {
                callFailures.add(e);
            }
            return true;
        };
        channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return client;
            }
        };
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new RecordMarkingDecoder(maxRecordBytes), new RecordMarkingEncoder(),
                new RpcCallHandler(programs, workers, MAX_CALLS_IN_FLIGHT,
                        new ReplyCache(4096, Duration.ofMinutes(2).toNanos())));
    }

    Map<Integer, RpcProgram> programs() {
        return programs;
    }

    /** Makes the request workers refuse calls (queue full), so that they are answered SYSTEM_ERR. */
    void workersBusy(boolean busy) {
        workersBusy = busy;
    }

    /** Delivers {@code bytes} as one read from the socket; fails when that crashed the connection or a call. */
    void receive(byte[] bytes) {
        ByteBuf buf = allocator.buffer(bytes.length).writeBytes(bytes);
        channel.writeInbound(buf);
        channel.runPendingTasks();
        channel.checkException();
        assertHealthy();
    }

    /** The connection is open and no call failed. */
    void assertHealthy() {
        if (!callFailures.isEmpty()) {
            throw new AssertionError("a call failed in the adapter (the listener never throws):\n"
                    + stackTrace(callFailures.get(0)), callFailures.get(0));
        }
        if (!channel.isOpen()) {
            Throwable cause;
            synchronized (CLOSE_CAUSES) {
                cause = CLOSE_CAUSES.isEmpty() ? null : CLOSE_CAUSES.get(0);
            }
            throw new AssertionError("the adapter closed the connection"
                    + (cause == null ? "" : " on an exception:\n" + stackTrace(cause)), cause);
        }
    }

    /** The replies written since the last call, each a record's content; fails unless each is one last fragment. */
    List<byte[]> takeReplies() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            if (!(message instanceof ByteBuf buf)) {
                throw new AssertionError("the pipeline wrote a " + message.getClass().getName() + ", not bytes");
            }
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                out.writeBytes(bytes);
            } finally {
                buf.release();
            }
        }
        byte[] stream = out.toByteArray();
        List<byte[]> replies = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            if (stream.length - at < 4) {
                throw new AssertionError("reply stream ends inside a record mark");
            }
            int mark = RpcModel.intAt(stream, at);
            int length = mark & 0x7fff_ffff;
            if (mark >= 0) {
                throw new AssertionError("a reply is not sent as one last fragment: mark " + Integer.toHexString(mark));
            }
            if (stream.length - at - 4 < length) {
                throw new AssertionError("a reply's record mark says " + length + " bytes but " + (stream.length - at - 4)
                        + " follow");
            }
            replies.add(Arrays.copyOfRange(stream, at + 4, at + 4 + length));
            at += 4 + length;
        }
        return replies;
    }

    /** Closes the connection as the peer would: the decoder then releases what it buffered. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            channel.finishAndReleaseAll();
        }
    }

    /** Closes the connection and describes every buffer allocated for it that is still held; empty when none. */
    List<String> closeAndFindLeaks() {
        close();
        return allocator.unreleased();
    }

    static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
