/**
 * DCE/RPC over SMB named pipes, as far as share listing needs it: the connection-oriented PDUs of [C706] chapter 12
 * with the [MS-RPCE] 2.2.2 extensions (bind, bind_ack, request, response, fault), NDR 2.0 little-endian encoding
 * ([C706] chapter 14), and the two srvsvc calls that list shares ([MS-SRVS] 3.1.4.8 NetrShareEnumAll, 3.1.4.10
 * NetrShareGetInfo). No authentication levels beyond none: the pipe is reached through an authenticated, signed or
 * encrypted SMB session, and the calls only read the share list.
 */
package io.cistern.smb.rpc;
