package io.cistern.core.adapter;

import io.cistern.core.service.IdentityService;
import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.LogonAccount;
import io.cistern.core.service.ServerIdentity;
import io.cistern.core.service.ShareCatalog;
import io.cistern.core.service.ShareSummary;
import io.cistern.smb.spi.SmbAccount;
import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbServerIdentity;
import io.cistern.smb.spi.SmbShare;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file system behind the SMB adapter. Bound to rar-smb by glassfish-ejb-jar.xml (the adapter's
 * module name differs between the EAR and Payara Micro). No call runs in a container transaction: each
 * only reads memory, or calls a service that manages its own.
 */
@MessageDriven(name = "SmbRequestMdb", messageListenerInterface = SmbListener.class)
public class SmbRequestMdb implements SmbListener {
    private static final Logger LOG = Logger.getLogger(SmbRequestMdb.class.getName());

    @EJB
    private ListenerRegistry listeners;

    @EJB
    private ServerIdentity identity;

    @EJB
    private IdentityService identities;

    @EJB
    private ShareCatalog shares;

    /** Signing is not implemented yet, so it is never required. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SmbServerIdentity serverIdentity(SmbCaller caller) {
        return new SmbServerIdentity(identity.smbServerGuid(), identity.startedAt(), false);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void adapterEvent(SmbAdapterEvent event) {
        listeners.report(ListenerRegistry.SMB, event.state().name(), event.address(), event.at());
    }

    /** Local accounts only: the domain the client sent does not take part in the match. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<SmbAccount> accountForLogon(SmbCaller caller, String user, String domain) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("NTLM logon as '" + user + "' (domain '" + domain + "') from " + caller.client());
        }
        return identities.logonAccount(user).map(SmbRequestMdb::smbAccount);
    }

    /**
     * Shares match by name regardless of case. There are no per-user or per-group share permissions yet: any
     * authenticated local account may connect to any share (read-only shares stay read-only for everybody).
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<SmbShare> shareForTree(SmbCaller caller, String account, String shareName) {
        Optional<SmbShare> share = shares.shareFor(account, shareName).map(SmbRequestMdb::smbShare);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("SMB tree connect of '" + account + "' to share '" + shareName + "' from " + caller.client()
                    + (share.isPresent() ? "" : ": no such share"));
        }
        return share;
    }

    static SmbShare smbShare(ShareSummary share) {
        return new SmbShare(share.id(), share.name(), share.readOnly());
    }

    static SmbAccount smbAccount(LogonAccount account) {
        byte[] ntHash = account.ntHash();
        try {
            return new SmbAccount(account.username(), ntHash, account.uid(), account.gid(), account.groups());
        } finally {
            Arrays.fill(ntHash, (byte) 0);
        }
    }
}
