package io.cistern.it;

import io.cistern.it.Nfs3WireClient.Nfs3Error;
import io.cistern.it.Nfs3WireClient.Xdr;
import java.io.IOException;
import java.util.List;

/**
 * NFS calls on an {@link Nfs3WireClient}'s connection that give back the nfsstat3 of the reply, whatever it is: a
 * test of the server's error answers needs the status itself, where the wire client's own calls throw on anything
 * but OK ({@link Nfs3WireClient#removeIfPresent} even takes NOENT for done) or, as its {@code list} does, go on
 * with more calls.
 */
final class Nfs3StatusCalls {
    private static final int RENAME = 14;

    private Nfs3StatusCalls() {
    }

    static int getattr(Nfs3WireClient client, byte[] handle) throws IOException {
        try {
            client.getattr(handle);
            return Nfs3TestClient.OK;
        } catch (Nfs3Error e) {
            return e.status;
        }
    }

    /** READDIRPLUS of a listing's first page only (cookie 0, verifier 0): one call, whatever the directory holds. */
    static int readdirplusFirstPage(Nfs3WireClient client, byte[] directory) throws IOException {
        return status(client, Nfs3WireClient.READDIRPLUS,
                new Xdr().putOpaque(directory).putLong(0).putLong(0).putInt(8192).putInt(32768).bytes());
    }

    /** RENAME within one directory. */
    static int rename(Nfs3WireClient client, byte[] directory, String from, String to) throws IOException {
        return status(client, RENAME,
                new Xdr().putOpaque(directory).putString(from).putOpaque(directory).putString(to).bytes());
    }

    static int remove(Nfs3WireClient client, byte[] directory, String name) throws IOException {
        return status(client, Nfs3WireClient.REMOVE, new Xdr().putOpaque(directory).putString(name).bytes());
    }

    private static int status(Nfs3WireClient client, int procedure, byte[] args) throws IOException {
        return client.callAll(procedure, List.of(args), 1).get(0).getInt();
    }
}
