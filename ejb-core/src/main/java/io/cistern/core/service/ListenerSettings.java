package io.cistern.core.service;

import io.cistern.core.model.ListenerSetting;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** The listener switches as stored ({@code listener_setting}); {@link ListenerSwitches} keeps them in memory. */
@Stateless
public class ListenerSettings {
    @PersistenceContext(unitName = "cistern")
    private EntityManager em;

    /** Every protocol whose switch was ever set, with its state. */
    public Map<String, Boolean> all() {
        return em.createQuery("select s from ListenerSetting s", ListenerSetting.class).getResultList().stream()
                .collect(Collectors.toUnmodifiableMap(ListenerSetting::getProtocol, ListenerSetting::isEnabled));
    }

    /** Stores the switch of {@code protocol}, in the caller's transaction or a new one. */
    public void save(String protocol, boolean enabled, String changedBy) {
        ListenerSetting row = em.find(ListenerSetting.class, protocol);
        if (row == null) {
            row = new ListenerSetting(protocol);
            em.persist(row);
        }
        row.set(enabled, changedBy, Instant.now());
    }
}
