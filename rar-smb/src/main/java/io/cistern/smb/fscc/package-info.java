/**
 * The file and file-system information structures of [MS-FSCC] 2.4 and 2.5 that QUERY_DIRECTORY, QUERY_INFO and
 * SET_INFO carry, as value types with {@code encode} (and {@code decode} where a client sends them), plus the file
 * attribute bits of 2.6. Like {@code io.cistern.smb.wire}, nothing here decides anything. Section numbers follow the
 * edition of [MS-FSCC] cited in each type; structures are named as the specification names them.
 */
package io.cistern.smb.fscc;
