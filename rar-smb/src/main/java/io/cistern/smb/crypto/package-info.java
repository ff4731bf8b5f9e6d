/**
 * SMB 2 and 3 message cryptography as [MS-SMB2] specifies it, with no protocol state of its own: key
 * derivation ([MS-SMB2] 3.1.4.2, 3.3.5.5.3), the pre-authentication integrity hash (3.3.5.4, 3.3.5.5),
 * message signing and verification (3.1.4.1, 3.1.5.1) and message encryption in an SMB2 TRANSFORM_HEADER
 * (2.2.41, 3.1.4.3, 3.3.5.2.1).
 *
 * <p>The primitives come from the JDK (HMAC-SHA256, SHA-512, AES-GCM) and from Bouncy Castle's lightweight
 * API (AES-CMAC, AES-CCM), which is used directly: no JCE provider is registered, so nothing here changes
 * the security providers of the application server the adapter runs in.
 *
 * <p>Key material never appears in {@code toString()}, exception messages or logs.
 */
package io.cistern.smb.crypto;
