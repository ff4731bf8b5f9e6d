/**
 * The Windows security structures of [MS-DTYP] 2.4 that QUERY_INFO and SET_INFO carry for
 * SMB2_0_INFO_SECURITY: SIDs, ACEs, ACLs and self-relative security descriptors, as value types with symmetric
 * {@code decode}/{@code encode}. Like {@code io.cistern.smb.wire}, nothing here decides anything; what the
 * structures mean for a file's owner, group and mode is {@code io.cistern.smb.server.UnixSecurityMapping}'s.
 * Decoding checks every count, offset and length against the bytes it was given and throws
 * {@link io.cistern.smb.wire.SmbWireException} for anything that does not fit.
 */
package io.cistern.smb.dtyp;
