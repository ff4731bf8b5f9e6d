/**
 * Server-side authentication for SMB SESSION_SETUP: NTLMv2 ([MS-NLMP]) wrapped in SPNEGO ([MS-SPNG],
 * RFC 4178, with the RFC 2743 section 3.1 initial-context-token framing).
 *
 * <p>Layers, bottom up:
 * <ul>
 *   <li>NTLMSSP wire messages as value types with symmetric {@code decode}/{@code encode}:
 *       {@link io.cistern.smb.auth.NegotiateMessage}, {@link io.cistern.smb.auth.ChallengeMessage},
 *       {@link io.cistern.smb.auth.AuthenticateMessage}, {@link io.cistern.smb.auth.AvPairList},
 *       {@link io.cistern.smb.auth.NtlmVersion}, {@link io.cistern.smb.auth.NegotiateFlags}. Decoders refuse
 *       malformed input with {@link io.cistern.smb.auth.MalformedTokenException}.</li>
 *   <li>{@link io.cistern.smb.auth.NtlmV2Verifier}: the NTLMv2 response check and session-key derivation of
 *       [MS-NLMP] 3.3.2 and 3.2.5.1.2. NTLMv1 and LM are refused.</li>
 *   <li>{@link io.cistern.smb.auth.NtlmServerExchange}: one server-side NTLM handshake, CHALLENGE out and
 *       AUTHENTICATE in, against a caller-supplied {@link io.cistern.smb.auth.NtHashLookup}.</li>
 *   <li>SPNEGO: a strict DER subset ({@code DerReader}, {@code DerWriter}),
 *       {@link io.cistern.smb.auth.NegTokenInit}, {@link io.cistern.smb.auth.NegTokenResp},
 *       {@link io.cistern.smb.auth.NegTokenInit2} (the NEGOTIATE response hint) and
 *       {@link io.cistern.smb.auth.SpnegoNtlmAcceptor}, which drives the NTLM exchange and the mechListMIC.</li>
 * </ul>
 *
 * <p>The server never sees passwords, only NT hashes handed over by the caller. Nothing in this package logs,
 * and no {@code toString} or exception message carries a hash, key, challenge or response.
 */
package io.cistern.smb.auth;
