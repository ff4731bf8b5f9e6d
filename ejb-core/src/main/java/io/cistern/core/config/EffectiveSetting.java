package io.cistern.core.config;

/**
 * One setting as the application uses it now: its environment variable, its Java system property (null for those
 * read from the environment only), and its value with the default applied. A secret's value is only {@code set} or
 * {@code unset}; the S3 access key id is masked.
 */
public record EffectiveSetting(String name, String property, String value, boolean secret, String description) {
}
