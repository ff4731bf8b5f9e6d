/**
 * The SMB adapter's listener interface and its value types: the only part of rar-smb the application
 * sees. Nothing here knows SMB2 structures; the MDB in ejb-core implements {@link io.cistern.smb.spi.SmbListener}.
 */
package io.cistern.smb.spi;
