package io.cistern.smb.spi;

import java.net.InetSocketAddress;

/**
 * The client connection a request arrived on. Carries no identity until SESSION_SETUP exists.
 *
 * @param client the client's socket address
 */
public record SmbCaller(InetSocketAddress client) {
}
