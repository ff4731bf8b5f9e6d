/**
 * What the SMB server does with each message of a connection: the per-connection state, the dialect
 * choice, and one handler per SMB2 command. Decoding and encoding live in {@code io.cistern.smb.wire};
 * the application is reached only through {@link io.cistern.smb.server.SmbRequestExecutor}.
 */
package io.cistern.smb.server;
