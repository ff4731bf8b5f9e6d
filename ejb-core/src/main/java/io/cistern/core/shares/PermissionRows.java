package io.cistern.core.shares;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.SharePermission;
import io.cistern.core.model.UserAccount;
import io.cistern.core.model.UserGroup;
import jakarta.persistence.EntityManager;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A share's permission rows, read in the caller's persistence context (shared by the share and permission beans). */
final class PermissionRows {
    private PermissionRows() {
    }

    static List<SharePermission> of(EntityManager em, long shareId) {
        return em.createQuery("select p from SharePermission p where p.shareId = :share", SharePermission.class)
                .setParameter("share", shareId).getResultList();
    }

    /** The rows as the API shows them: groups first, then users, each by name. */
    static List<PermissionView> viewsOf(EntityManager em, long shareId) {
        return of(em, shareId).stream().map(row -> view(em, row))
                .sorted(Comparator.comparing(PermissionView::kind).thenComparing(PermissionView::principal)).toList();
    }

    static PermissionView view(EntityManager em, SharePermission row) {
        boolean user = row.getPrincipalKind() == PrincipalKind.USER;
        Optional<String> name = user
                ? Optional.ofNullable(em.find(UserAccount.class, row.getPrincipalId())).map(UserAccount::getUsername)
                : Optional.ofNullable(em.find(UserGroup.class, row.getPrincipalId())).map(UserGroup::getName);
        return new PermissionView(user ? "user" : "group", name.orElse("#" + row.getPrincipalId()),
                row.getLevel().wireName());
    }
}
