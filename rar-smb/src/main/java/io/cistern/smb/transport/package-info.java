/** Direct TCP transport of SMB2, [MS-SMB2] 2.1: the four-byte frame header in front of every message. */
package io.cistern.smb.transport;
