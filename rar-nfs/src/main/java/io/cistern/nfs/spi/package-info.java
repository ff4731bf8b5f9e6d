/**
 * The NFS adapter's listener interface and its value types: the only part of rar-nfs the application
 * sees. Nothing here knows XDR or RPC; the MDB in ejb-core implements {@link io.cistern.nfs.spi.NfsListener}
 * and translates these small types into file-system calls.
 */
package io.cistern.nfs.spi;
