package io.cistern.core.shares;

import io.cistern.core.model.PrincipalKind;
import io.cistern.core.model.ShareAccess;

/**
 * One permission row as level resolution needs it.
 *
 * @param kind        user or group
 * @param principalId the account's or group's row id
 * @param level       the level the row gives
 */
public record ShareGrant(PrincipalKind kind, long principalId, ShareAccess level) {
}
