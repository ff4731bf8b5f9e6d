package io.cistern.core.config;

/**
 * One setting as the application uses it now: its environment variable, its Java system property (null for those
 * read from the environment only), and its value with the default applied. A secret's value is only {@code set} or
 * {@code unset}; the S3 access key id is masked.
 *
 * @param source      where the value comes from: {@code default}, {@code environment} (the variable or the property)
 *                    or {@code override} (changed at run time through the API)
 * @param runtime     whether it can change while the server runs ({@code PATCH /api/v1/settings})
 * @param takesEffect for a runtime setting, what a change reaches ("new SMB connections", "at once"…); else null
 */
public record EffectiveSetting(String name, String property, String value, boolean secret, String source,
                               boolean runtime, String takesEffect, String description) {
}
