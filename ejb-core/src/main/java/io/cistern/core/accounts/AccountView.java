package io.cistern.core.accounts;

import java.time.Instant;
import java.util.List;

/**
 * An account as the admin API shows it: no password hash, no NT hash, only whether SMB logons are possible.
 *
 * @param username      the stored spelling
 * @param uid           numeric user id
 * @param gid           the primary group's id
 * @param primaryGroup  the primary group's name, or null when no group has that gid
 * @param groups        supplementary groups' names, sorted
 * @param role          admin, operator or viewer
 * @param smbLogon      whether an NT hash is kept, so that the account can log on over SMB
 * @param createdAt     when it was created
 */
public record AccountView(String username, int uid, int gid, String primaryGroup, List<String> groups, String role,
                          boolean smbLogon, Instant createdAt) {
}
