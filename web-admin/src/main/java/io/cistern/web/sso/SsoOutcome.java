package io.cistern.web.sso;

import java.util.Set;

/**
 * What the OpenID Connect mechanism made of a callback, handed by {@link SsoPathMechanism} to the callback servlet as
 * the request attribute {@link #ATTRIBUTE}: the caller it validated with its groups, or why it refused.
 */
public record SsoOutcome(String callerName, Set<String> groups, String failure) {
    static final String ATTRIBUTE = SsoOutcome.class.getName();

    static SsoOutcome validated(String callerName, Set<String> groups) {
        return new SsoOutcome(callerName, Set.copyOf(groups), null);
    }

    static SsoOutcome refused(String failure) {
        return new SsoOutcome(null, Set.of(), failure);
    }

    boolean succeeded() {
        return failure == null;
    }
}
