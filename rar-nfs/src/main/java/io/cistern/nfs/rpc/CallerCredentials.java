package io.cistern.nfs.rpc;

import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.xdr.XdrException;
import java.net.InetSocketAddress;

/** Turns a call's credential into the caller the application sees. AUTH_NONE and AUTH_SYS are accepted. */
final class CallerCredentials {
    private CallerCredentials() {
    }

    static NfsCaller caller(OpaqueAuth credential, InetSocketAddress client) throws XdrException {
        switch (credential.flavor()) {
            case OpaqueAuth.AUTH_NONE:
                return NfsCaller.anonymous(client);
            case OpaqueAuth.AUTH_SYS:
                AuthSysParams sys = AuthSysParams.decode(credential.body());
                return new NfsCaller(client, true, sys.uid(), sys.gid(), sys.gids(), sys.machineName());
            default:
                throw new XdrException("unsupported authentication flavor " + credential.flavor());
        }
    }
}
