package io.cistern.smb.auth;

import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.protocol.commons.buffer.Endian;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticateResponse;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.auth.NtlmAuthenticator;
import com.hierynomus.spnego.SpnegoToken;

/**
 * smbj's own client-side NTLM (its {@code NtlmAuthenticator}, which speaks SPNEGO-wrapped NTLMSSP), driven in
 * memory: an independent implementation to prove the server side against. Public for the server package's
 * SESSION_SETUP tests.
 */
public final class SmbjNtlmClient {
    private final NtlmAuthenticator authenticator = new NtlmAuthenticator.Factory().create();
    private final AuthenticationContext context;
    private byte[] sessionKey;

    public SmbjNtlmClient(AuthenticationContext context) {
        this.context = context;
        authenticator.init(SmbConfig.createDefaultConfig());
    }

    public static SmbjNtlmClient forUser(String user, String password, String domain) {
        return new SmbjNtlmClient(new AuthenticationContext(user, password.toCharArray(), domain));
    }

    /** The SPNEGO NegTokenInit carrying the NTLM NEGOTIATE_MESSAGE. */
    public byte[] negTokenInit() throws Exception {
        return bytes(authenticator.authenticate(context, null, null).getNegToken());
    }

    /** Answers the server's NegTokenResp (with the CHALLENGE) with smbj's NegTokenTarg (with the AUTHENTICATE). */
    public byte[] negTokenTarg(byte[] serverNegTokenResp) throws Exception {
        AuthenticateResponse response = authenticator.authenticate(context, serverNegTokenResp, null);
        sessionKey = response.getSessionKey();
        return bytes(response.getNegToken());
    }

    /** smbj's ExportedSessionKey after {@link #negTokenTarg}; null for anonymous. */
    public byte[] sessionKey() {
        return sessionKey;
    }

    /** The raw NTLM NEGOTIATE_MESSAGE, unwrapped from smbj's SPNEGO token. */
    public byte[] ntlmNegotiate() throws Exception {
        return NegTokenInit.decode(negTokenInit()).mechToken();
    }

    /** The raw AUTHENTICATE_MESSAGE answering a raw CHALLENGE_MESSAGE. */
    public byte[] ntlmAuthenticate(byte[] challenge) throws Exception {
        byte[] wrapped = new NegTokenResp(NegTokenResp.NegState.ACCEPT_INCOMPLETE, SpnegoMechanism.NTLMSSP.oid(),
                challenge, null).encode();
        return NegTokenResp.decode(negTokenTarg(wrapped)).responseToken();
    }

    private static byte[] bytes(SpnegoToken token) throws Exception {
        Buffer.PlainBuffer buffer = new Buffer.PlainBuffer(Endian.LE);
        token.write(buffer);
        return buffer.getCompactData();
    }
}
