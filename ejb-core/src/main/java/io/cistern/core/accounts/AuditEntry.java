package io.cistern.core.accounts;

import java.time.Instant;

/**
 * One line of the audit log as the API lists it.
 *
 * @param id      ascending with time; the cursor for older pages
 * @param at      when
 * @param actor   who (for a failed login: the name it claimed)
 * @param action  what, e.g. {@code user.create}
 * @param target  to what, or null
 * @param success whether it was done
 * @param address the client's address
 * @param detail  a short note without secrets, or null
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, boolean success,
                         String address, String detail) {
}
