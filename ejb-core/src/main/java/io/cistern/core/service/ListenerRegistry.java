package io.cistern.core.service;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The listeners' states as the adapters report them through their MDBs; read by health and status. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// memory only: the default (REQUIRED) began and committed a transaction for every call from outside one
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ListenerRegistry {
    public static final String NFS = "NFS";
    public static final String SMB = "SMB";

    private final Map<String, ListenerState> states = new ConcurrentHashMap<>();

    public void report(String protocol, String state, String address, Instant at) {
        states.put(protocol, new ListenerState(protocol, state, address, at));
    }

    /** NFS then SMB, each NOT_STARTED until its adapter reports. */
    public List<ListenerState> listeners() {
        return List.of(state(NFS), state(SMB));
    }

    public ListenerState state(String protocol) {
        return states.getOrDefault(protocol, new ListenerState(protocol, ListenerState.NOT_STARTED, "", null));
    }
}
