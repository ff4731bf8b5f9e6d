/**
 * SMB wire structures as value types, each with symmetric {@code decode}/{@code encode} and the section
 * of [MS-SMB2] (or [MS-CIFS]) it implements. Nothing here decides anything: the handlers in
 * {@code io.cistern.smb.server} do. All integers on the wire are little-endian.
 */
package io.cistern.smb.wire;
