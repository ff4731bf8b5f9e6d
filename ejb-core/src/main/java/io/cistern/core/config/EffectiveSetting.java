package io.cistern.core.config;

/**
 * One setting as the application uses it now: its environment variable, its Java system property (null for those
 * read from the environment only), and its value with the default applied. A secret's value is only {@code set} or
 * {@code unset}; the S3 access key id is masked.
 *
 * @param source         where the value comes from: {@code default}, {@code environment} (the variable or the
 *                       property) or {@code override} (changed through the API)
 * @param runtime        whether a change counts while the server runs ({@code PATCH /api/v1/settings})
 * @param takesEffect    for a changeable setting, what a change reaches ("new SMB connections", "at once", "the next
 *                       start"); else null
 * @param changeable     whether an admin may change it through the API: at run time, or for the next start
 * @param pendingRestart for a start-only setting, the value the next start will use when it differs from the value in
 *                       effect ({@code unset} when it will be unset); else null
 */
public record EffectiveSetting(String name, String property, String value, boolean secret, String source,
                               boolean runtime, String takesEffect, String description, boolean changeable,
                               String pendingRestart) {
}
