package io.cistern.core.adapter;

import io.cistern.core.service.ListenerRegistry;
import io.cistern.nfs.spi.NfsAdapterEvent;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsListener;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The file system behind the NFS adapter. Bound to rar-nfs by glassfish-ejb-jar.xml (the adapter's
 * module name differs between the EAR and Payara Micro). Each call is one container transaction.
 */
@MessageDriven(name = "NfsRequestMdb", messageListenerInterface = NfsListener.class)
public class NfsRequestMdb implements NfsListener {
    @EJB
    private ListenerRegistry listeners;

    /** The NULL procedures touch no data, so they need no transaction. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ping(NfsCaller caller) {
        // reaching here proves the path from the socket through the adapter into the application
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void adapterEvent(NfsAdapterEvent event) {
        listeners.report(ListenerRegistry.NFS, event.state().name(), event.address(), event.at());
    }
}
