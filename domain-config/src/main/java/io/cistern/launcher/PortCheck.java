package io.cistern.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before anything is started, that each listener can bind its port. Payara would otherwise boot for
 * several seconds and then fail deep in a deployment. The sockets are held until all are bound, so that a
 * clash among the listeners themselves shows too, and use SO_REUSEADDR like the real servers, so that
 * connections of a previous run in TIME_WAIT do not count as "in use".
 */
final class PortCheck {
    private PortCheck() {
    }

    static void requireFree(List<Settings.Endpoint> endpoints) {
        List<ServerSocket> bound = new ArrayList<>();
        try {
            for (Settings.Endpoint endpoint : endpoints) {
                bound.add(bind(endpoint));
            }
        } finally {
            for (ServerSocket socket : bound) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a just-bound socket does not fail in practice
                }
            }
        }
    }

    private static ServerSocket bind(Settings.Endpoint endpoint) {
        InetAddress address = resolve(endpoint);
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, endpoint.port()));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            String where = endpoint.protocol() + " port " + endpoint.port() + " on " + endpoint.bindAddress();
            if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
                throw new LauncherException(where + " is already in use");
            }
            throw new LauncherException("cannot listen on " + where + ": " + e.getMessage());
        }
    }

    private static InetAddress resolve(Settings.Endpoint endpoint) {
        try {
            return InetAddress.getByName(endpoint.bindAddress());
        } catch (UnknownHostException e) {
            throw new LauncherException(endpoint.protocol() + " bind address '" + endpoint.bindAddress()
                    + "' is not a known address (" + endpoint.bindSetting().label() + ")");
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // ignore
            }
        }
    }
}
