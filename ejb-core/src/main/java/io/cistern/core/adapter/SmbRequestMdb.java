package io.cistern.core.adapter;

import io.cistern.core.service.ListenerRegistry;
import io.cistern.core.service.ServerIdentity;
import io.cistern.smb.spi.SmbAdapterEvent;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbServerIdentity;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The file system behind the SMB adapter. Bound to rar-smb by glassfish-ejb-jar.xml (the adapter's
 * module name differs between the EAR and Payara Micro). Each call is one container transaction.
 */
@MessageDriven(name = "SmbRequestMdb", messageListenerInterface = SmbListener.class)
public class SmbRequestMdb implements SmbListener {
    @EJB
    private ListenerRegistry listeners;

    @EJB
    private ServerIdentity identity;

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
}
