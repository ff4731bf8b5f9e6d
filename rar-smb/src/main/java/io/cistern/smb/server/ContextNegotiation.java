package io.cistern.smb.server;

import io.cistern.smb.crypto.Smb2Cipher;
import io.cistern.smb.crypto.Smb2SigningAlgorithm;
import io.cistern.smb.wire.EncryptionCapabilities;
import io.cistern.smb.wire.NtStatus;
import io.cistern.smb.wire.PreauthIntegrityCapabilities;
import io.cistern.smb.wire.SigningCapabilities;
import io.cistern.smb.wire.Smb2NegotiateContext;
import io.cistern.smb.wire.SmbWireException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The negotiate contexts of an SMB 3.1.1 NEGOTIATE, [MS-SMB2] 3.3.5.4: which hash protects the pre-authentication
 * messages, which cipher encrypts and which algorithm signs, and the contexts that tell the client.
 * <ul>
 * <li>no SMB2_PREAUTH_INTEGRITY_CAPABILITIES, or more than one; more than one ENCRYPTION or SIGNING context:
 *     STATUS_INVALID_PARAMETER, as is a context whose data does not decode;</li>
 * <li>no SHA-512 among the hash algorithms: STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP;</li>
 * <li>the cipher: the first of {@link #CIPHER_PREFERENCE} the client offers (Windows' default order, GCM first
 *     since it is faster), or none (0) when it offers none of them or the server does not encrypt;</li>
 * <li>the signing algorithm: the first the client lists that the server implements (all three are); AES-CMAC
 *     when the client sent no signing context, which then gets none back;</li>
 * <li>other context types (compression, netname, transport, RDMA) are ignored and not answered, which tells the
 *     client that none of them is in use.</li>
 * </ul>
 */
final class ContextNegotiation {
    static final List<Smb2Cipher> CIPHER_PREFERENCE = List.of(Smb2Cipher.AES_128_GCM, Smb2Cipher.AES_128_CCM,
            Smb2Cipher.AES_256_GCM, Smb2Cipher.AES_256_CCM);
    /** Salt of the response's pre-authentication context: 32 random bytes, as Windows sends. */
    static final int SALT_LENGTH = 32;
    private static final int NO_CIPHER = 0;

    /**
     * The choice, or why there is none.
     *
     * @param status           STATUS_SUCCESS, or the status refusing the NEGOTIATE
     * @param cipher           Connection.CipherId; null for none
     * @param signing          Connection.SigningAlgorithmId
     * @param responseContexts what the NEGOTIATE response carries
     */
    record Outcome(int status, Smb2Cipher cipher, Smb2SigningAlgorithm signing,
                   List<Smb2NegotiateContext> responseContexts) {
        static Outcome refused(int status) {
            return new Outcome(status, null, null, List.of());
        }

        boolean accepted() {
            return status == NtStatus.STATUS_SUCCESS;
        }
    }

    private ContextNegotiation() {
    }

    /** @param encrypts whether the server offers encryption at all */
    static Outcome choose(List<Smb2NegotiateContext> contexts, boolean encrypts, SecureRandom random) {
        if (Smb2NegotiateContext.count(contexts, Smb2NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES) != 1
                || Smb2NegotiateContext.count(contexts, Smb2NegotiateContext.ENCRYPTION_CAPABILITIES) > 1
                || Smb2NegotiateContext.count(contexts, Smb2NegotiateContext.SIGNING_CAPABILITIES) > 1) {
            return Outcome.refused(NtStatus.STATUS_INVALID_PARAMETER);
        }
        try {
            PreauthIntegrityCapabilities preauth = PreauthIntegrityCapabilities.decode(
                    Smb2NegotiateContext.find(contexts, Smb2NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES).data());
            if (!preauth.hashAlgorithms().contains(PreauthIntegrityCapabilities.SHA_512)) {
                return Outcome.refused(NtStatus.STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP);
            }
            byte[] salt = new byte[SALT_LENGTH];
            random.nextBytes(salt);
            List<Smb2NegotiateContext> response = new ArrayList<>();
            response.add(new PreauthIntegrityCapabilities(List.of(PreauthIntegrityCapabilities.SHA_512), salt)
                    .toContext());
            Smb2Cipher cipher = null;
            Smb2NegotiateContext offeredCiphers = Smb2NegotiateContext.find(contexts,
                    Smb2NegotiateContext.ENCRYPTION_CAPABILITIES);
            if (offeredCiphers != null) {
                cipher = encrypts ? cipher(EncryptionCapabilities.decode(offeredCiphers.data())) : null;
                response.add(new EncryptionCapabilities(List.of(cipher == null ? NO_CIPHER : cipher.id())).toContext());
            }
            Smb2SigningAlgorithm signing = Smb2SigningAlgorithm.AES_CMAC;
            Smb2NegotiateContext offeredSigning = Smb2NegotiateContext.find(contexts,
                    Smb2NegotiateContext.SIGNING_CAPABILITIES);
            if (offeredSigning != null) {
                signing = signing(SigningCapabilities.decode(offeredSigning.data()));
                response.add(new SigningCapabilities(List.of(signing.id())).toContext());
            }
            return new Outcome(NtStatus.STATUS_SUCCESS, cipher, signing, response);
        } catch (SmbWireException e) {
            return Outcome.refused(NtStatus.STATUS_INVALID_PARAMETER);
        }
    }

    private static Smb2Cipher cipher(EncryptionCapabilities offered) {
        return CIPHER_PREFERENCE.stream().filter(c -> offered.ciphers().contains(c.id())).findFirst().orElse(null);
    }

    private static Smb2SigningAlgorithm signing(SigningCapabilities offered) {
        for (int id : offered.algorithms()) {
            Optional<Smb2SigningAlgorithm> known = Smb2SigningAlgorithm.fromId(id);
            if (known.isPresent()) {
                return known.get();
            }
        }
        return Smb2SigningAlgorithm.AES_CMAC;
    }
}
