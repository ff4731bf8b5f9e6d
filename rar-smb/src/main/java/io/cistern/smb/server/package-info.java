/**
 * What the SMB server does with each message of a connection: the per-connection state and its session
 * table, the dialect choice, one handler per SMB2 command, the session and signature checks that precede
 * them, and the response writer, the one place that signs. Decoding and encoding live in
 * {@code io.cistern.smb.wire}, authentication tokens and keys in {@code io.cistern.smb.auth} and
 * {@code io.cistern.smb.crypto}; the application is reached only through
 * {@link io.cistern.smb.server.SmbRequestExecutor}, whose results come back to the connection's event loop
 * before they touch its state.
 */
package io.cistern.smb.server;
