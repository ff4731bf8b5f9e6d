package io.cistern.core.shares;

import io.cistern.core.model.Share;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Finds a share by the name the API was given, as SMB finds it: regardless of case. */
final class ShareLookup {
    private ShareLookup() {
    }

    /**
     * The share named {@code name}: its exact spelling first, else the only one equal to it ignoring case (names are
     * unique ignoring case when made through the API; older rows might not be).
     */
    static Share byName(EntityManager em, String name) {
        List<Share> found = em.createQuery("select s from Share s where lower(s.name) = lower(:name)", Share.class)
                .setParameter("name", name).getResultList();
        return found.stream().filter(s -> s.getName().equals(name)).findFirst()
                .or(() -> found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty())
                .orElseThrow(() -> ShareException.notFound("no share named '" + name + "'"));
    }
}
