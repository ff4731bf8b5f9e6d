package io.cistern.core.shares;

/**
 * One row of a share's permissions, as the admin API shows it.
 *
 * @param kind      {@code user} or {@code group}
 * @param principal the user's or group's name
 * @param level     {@code none}, {@code read}, {@code read-write} or {@code admin}
 */
public record PermissionView(String kind, String principal, String level) {
}
