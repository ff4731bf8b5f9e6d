package io.cistern.nfs.nfs3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.nfs.rpc.AuthSysParams;
import io.cistern.nfs.rpc.OpaqueAuth;
import io.cistern.nfs.rpc.RecordMarkingDecoder;
import io.cistern.nfs.rpc.RecordMarkingEncoder;
import io.cistern.nfs.rpc.RequestExecutor;
import io.cistern.nfs.rpc.RpcCallHandler;
import io.cistern.nfs.rpc.RpcCallHeader;
import io.cistern.nfs.rpc.RpcReply;
import io.cistern.nfs.rpc.RpcReply.AcceptStat;
import io.cistern.nfs.spi.NfsListener;
import io.cistern.nfs.xdr.XdrDecoder;
import io.cistern.nfs.xdr.XdrException;
import io.cistern.nfs.xdr.XdrReader;
import io.cistern.nfs.xdr.XdrWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One client connection to the NFS program through the real RPC pipeline on an {@link EmbeddedChannel}, with
 * requests run inline on the test thread, both those for a worker and those the listener answers from memory. Calls carry AUTH_SYS for {@link #UID}, so tests can see the caller pass
 * through.
 */
public final class Nfs3Connection {
    public static final int UID = 1000;
    /** Larger than any legal WRITE, so that a test meets the adapter's own limits rather than the record cap. */
    private static final int MAX_RECORD = 2 << 20;

    private final EmbeddedChannel channel;
    private final OpaqueAuth credential = new AuthSysParams(1, "test-client", UID, 100, List.of()).encode();
    private int nextXid = 1;
    private int workerCalls;

    public Nfs3Connection(NfsListener listener) {
        RequestExecutor inline = new RequestExecutor() {
            @Override
            public boolean submit(Consumer<NfsListener> task) {
                workerCalls++;
                try {
                    task.accept(listener);
                } catch (RuntimeException expected) {
                    // the SYSTEM_ERR reply is already written; the pool would log this
                }
                return true;
            }

            @Override
            public <R> R runOnIoThread(Function<NfsListener, R> attempt) {
                return attempt.apply(listener);
            }
        };
        channel = new EmbeddedChannel(new RecordMarkingDecoder(MAX_RECORD), new RecordMarkingEncoder(),
                new RpcCallHandler(Map.of(Nfs3Program.PROGRAM, Nfs3Program.create()), inline, 16));
    }

    /** Calls {@code procedure}, expects SUCCESS, and decodes the results, which must fill the rest of the reply. */
    public <T> T call(int procedure, Consumer<XdrWriter> arguments, XdrDecoder<T> results) throws XdrException {
        XdrReader reply = send(procedure, arguments);
        RpcReply header = RpcReply.decode(reply);
        assertEquals(AcceptStat.SUCCESS, header.acceptStat());
        T value = results.decode(reply);
        assertEquals(0, reply.remaining(), "bytes after the results");
        return value;
    }

    /** Calls {@code procedure} expecting a reply without results, and returns its accept_stat. */
    public AcceptStat callWithoutResults(int procedure, Consumer<XdrWriter> arguments) throws XdrException {
        XdrReader reply = send(procedure, arguments);
        RpcReply header = RpcReply.decode(reply);
        assertEquals(0, reply.remaining(), "bytes after the reply header");
        return header.acceptStat();
    }

    /** How many calls went to a worker, rather than being answered on the I/O thread. */
    public int workerCalls() {
        return workerCalls;
    }

    /** The connection must have survived everything a test sent it. */
    public void close() {
        assertTrue(channel.isOpen(), "the connection must stay open");
        channel.finishAndReleaseAll();
    }

    private XdrReader send(int procedure, Consumer<XdrWriter> arguments) throws XdrException {
        int xid = nextXid++;
        ByteBuf body = Unpooled.buffer();
        XdrWriter out = new XdrWriter(body);
        new RpcCallHeader(xid, RpcCallHeader.RPC_VERSION, Nfs3Program.PROGRAM, Nfs3Program.VERSION, procedure,
                credential, OpaqueAuth.NONE).encode(out);
        arguments.accept(out);
        ByteBuf wire = Unpooled.buffer().writeInt(0x8000_0000 | body.readableBytes()).writeBytes(body);
        body.release();
        channel.writeInbound(wire);
        return readReply(xid);
    }

    private XdrReader readReply(int xid) throws XdrException {
        ByteBuf marker = channel.readOutbound();
        ByteBuf body = channel.readOutbound();
        try {
            assertEquals(0x8000_0000 | body.readableBytes(), marker.readInt(), "one last fragment with the reply");
            assertEquals(xid, body.getInt(body.readerIndex()), "the reply to the call just sent");
            return new XdrReader(Unpooled.copiedBuffer(body));
        } finally {
            marker.release();
            body.release();
        }
    }
}
