/**
 * The protocol-neutral file system: its value types, its errors, and the rules every protocol shares
 * (POSIX permissions, squashing, names, file handles). NFS and SMB both reach it through the adapters'
 * MDBs; nothing here knows a wire format.
 */
package io.cistern.core.fs;
