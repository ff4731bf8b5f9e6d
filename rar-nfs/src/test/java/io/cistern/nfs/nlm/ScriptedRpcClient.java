package io.cistern.nfs.nlm;

import io.cistern.nfs.nlm.client.RpcClient;
import io.cistern.nfs.nlm.client.RpcEndpoint;
import io.cistern.nfs.nlm.client.RpcTransport;
import io.cistern.nfs.nlm.client.XdrBytes;
import io.cistern.nfs.nlm.wire.Nlm4Res;
import io.cistern.nfs.nlm.wire.Nlm4TestArgs;
import io.cistern.nfs.portmap.PortmapProgram;
import io.cistern.nfs.portmap.wire.PortMapping;
import io.cistern.nfs.spi.NlmStatus;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The network as the callbacks see it, scripted: records every call the adapter makes and answers it as the test
 * says. By default a client host with a portmapper and a lock manager that accepts every grant.
 */
final class ScriptedRpcClient implements RpcClient {
    record Call(RpcEndpoint server, int program, int version, int procedure, byte[] arguments, long atNanos) {
        boolean isGetport() {
            return program == PortmapProgram.PROGRAM && procedure == PortmapProgram.PROC_GETPORT;
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile int tcpPort = 4045;
    volatile int udpPort = 4046;
    /** What the lock manager answers GRANTED with, one per call, the last one repeating. */
    volatile List<NlmStatus> grantAnswers = List.of(NlmStatus.GRANTED);
    volatile Function<Call, CompletableFuture<byte[]>> script = this::answer;

    @Override
    public CompletableFuture<byte[]> call(RpcEndpoint server, int program, int version, int procedure, byte[] arguments,
                                          long timeoutMillis) {
        Call call = new Call(server, program, version, procedure, arguments, System.nanoTime());
        calls.add(call);
        return script.apply(call);
    }

    List<Call> nlmCalls() {
        return calls.stream().filter(call -> !call.isGetport()).toList();
    }

    static CompletableFuture<byte[]> refused(Call call) {
        return CompletableFuture.failedFuture(new ConnectException("Connection refused: " + call.server()));
    }

    private CompletableFuture<byte[]> answer(Call call) {
        if (call.isGetport()) {
            PortMapping query = XdrBytes.decode(call.arguments(), PortMapping::decode);
            int port = query.protocol() == RpcTransport.TCP.protocol() ? tcpPort : udpPort;
            return CompletableFuture.completedFuture(XdrBytes.encode(out -> out.writeUnsignedInt(port)));
        }
        if (call.procedure() == NlmProgram.PROC_GRANTED) {
            long earlier = nlmCalls().stream().filter(c -> c.procedure() == NlmProgram.PROC_GRANTED).count() - 1;
            NlmStatus status = grantAnswers.get((int) Math.min(earlier, grantAnswers.size() - 1));
            byte[] cookie = XdrBytes.decode(call.arguments(), Nlm4TestArgs::decode).cookie();
            return CompletableFuture.completedFuture(XdrBytes.encode(new Nlm4Res(cookie, status)::encode));
        }
        return CompletableFuture.completedFuture(new byte[0]);   // the _MSG and _RES calls return void
    }
}
