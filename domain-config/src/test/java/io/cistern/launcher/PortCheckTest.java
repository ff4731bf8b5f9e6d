package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aTakenPortIsNamedWithProtocolAndAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            LauncherException e = assertThrows(LauncherException.class, () -> PortCheck.requireFree(List.of(
                    new Settings.Endpoint("SMB", "127.0.0.1", port, Setting.SMB_BIND))));
            assertEquals("SMB port " + port + " on 127.0.0.1 is already in use", e.getMessage());
        }
    }

    @Test
    void aPortTakenOnLoopbackAlsoBlocksTheWildcardAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LauncherException e = assertThrows(LauncherException.class, () -> PortCheck.requireFree(List.of(
                    new Settings.Endpoint("NFS", "0.0.0.0", taken.getLocalPort(), Setting.NFS_BIND))));
            assertTrue(e.getMessage().startsWith("NFS port " + taken.getLocalPort() + " on 0.0.0.0"), e.getMessage());
        }
    }

    @Test
    void freePortsPassAndStayFree() throws IOException {
        int nfs = freePort();
        int http = freePort();
        List<Settings.Endpoint> endpoints = List.of(new Settings.Endpoint("NFS", "127.0.0.1", nfs, Setting.NFS_BIND),
                new Settings.Endpoint("HTTP", "127.0.0.1", http, Setting.HTTP_BIND));
        assertDoesNotThrow(() -> PortCheck.requireFree(endpoints));
        assertDoesNotThrow(() -> PortCheck.requireFree(endpoints), "the check released its sockets");
    }

    @Test
    void anUnknownBindAddressIsNamed() {
        LauncherException e = assertThrows(LauncherException.class, () -> PortCheck.requireFree(List.of(
                new Settings.Endpoint("SMB", "no-such-host.invalid", 12445, Setting.SMB_BIND))));
        assertTrue(e.getMessage().contains("SMB bind address 'no-such-host.invalid'"), e.getMessage());
        assertTrue(e.getMessage().contains("CISTERN_SMB_BIND"), e.getMessage());
    }
}
