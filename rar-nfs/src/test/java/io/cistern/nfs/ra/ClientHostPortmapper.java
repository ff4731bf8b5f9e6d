package io.cistern.nfs.ra;

import io.cistern.nfs.portmap.PortmapRegistry;
import java.util.List;

/**
 * The portmapper of the client's host. Client and server share 127.0.0.1 in these tests, but not a portmapper: the
 * adapter's own maps 100021 to the adapter (and refuses a second NLM), just as on a real host one portmapper has
 * room for one lock manager. So the client's host gets a portmapper of its own, the adapter's code on a second
 * port, where the client's lock manager registers and where the adapter is told to look
 * (NlmClientPortmapperPort).
 */
final class ClientHostPortmapper implements AutoCloseable {
    final int port;
    private final EventLoops loops;
    private final PortmapperServer server;

    ClientHostPortmapper() throws Exception {
        port = AdapterHarness.freePortForTcpAndUdp();
        loops = EventLoops.start(task -> {
            Thread thread = new Thread(task, "client-host-portmapper");
            thread.setDaemon(true);
            thread.start();
        }, 1, "nio", 2_000, "client host");
        server = PortmapperServer.bind(loops, AdapterHarness.LOOPBACK, port, PortmapRegistry.of(port, 0, List.of()), 2_000);
    }

    @Override
    public void close() {
        server.close();
        loops.shutdown();
    }
}
