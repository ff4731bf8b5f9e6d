package io.cistern.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Relays TCP connections from a port of its own on 127.0.0.1 to the server, each from a chosen loopback source
 * address, so that the server sees a client that cannot choose its own source address (a browser) as coming from
 * there. The login throttle counts failures per address, and other classes fail logins from 127.0.0.1.
 */
final class LoopbackRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetAddress from;
    private final int serverPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-relay");
        thread.setDaemon(true);
        return thread;
    });

    LoopbackRelay(InetAddress from, int serverPort) throws IOException {
        this.from = from;
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** The base URL a client uses instead of the server's. */
    String httpBase() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.bind(new InetSocketAddress(from, 0));
                server.connect(new InetSocketAddress("127.0.0.1", serverPort), 5_000);
                threads.execute(() -> pump(client, server));
                threads.execute(() -> pump(server, client));
            } catch (IOException e) {
                // closed, or one connection failed: the client sees its connection end
            }
        }
    }

    private static void pump(Socket source, Socket target) {
        try (InputStream in = source.getInputStream(); OutputStream out = target.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed
        } finally {
            closeQuietly(source);
            closeQuietly(target);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
