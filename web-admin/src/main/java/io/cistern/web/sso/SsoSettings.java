package io.cistern.web.sso;

import io.cistern.core.config.CisternSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Single sign-on's settings ({@code CISTERN_OIDC_*}, or the {@code cistern.oidc.*} properties), read once at start,
 * and the OpenID Connect mechanism's definition, whose EL expressions read them from this bean ({@code cisternSso}).
 * <p>
 * The definition is always there (an annotation cannot be switched off); with no issuer configured it stays inert:
 * {@link SsoPathMechanism} never hands a request to the mechanism, so nothing of it (not even the provider's
 * discovery document) is ever evaluated.
 */
@ApplicationScoped
@Named("cisternSso")
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${cisternSso.issuer}",
        clientId = "${cisternSso.clientId}",
        clientSecret = "${cisternSso.clientSecret}",
        redirectURI = "${cisternSso.redirectUri}",
        scopeExpression = "${cisternSso.scopes}",
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "${cisternSso.nameClaim}",
                callerGroupsClaim = "${cisternSso.groupsClaim}"))
public class SsoSettings {
    /** Where a browser starts a login through the provider. */
    public static final String LOGIN_PATH = "/sso/login";
    /** Where the provider sends the browser back (the default redirect URI's path). */
    public static final String CALLBACK_PATH = "/sso/callback";

    private String issuer;
    private String clientId;
    private String clientSecret;
    private String redirectUri;
    private String scopes;
    private String nameClaim;
    private String groupsClaim;
    private GroupRoles groupRoles;

    @PostConstruct
    void read() {
        issuer = CisternSettings.oidc("issuer").map(String::trim).orElse("");
        clientId = CisternSettings.oidc("client_id").map(String::trim).orElse("");
        clientSecret = CisternSettings.oidcClientSecret().orElse("");
        // ${baseURL} is not EL here: the mechanism replaces it with the scheme, host and port of the request
        redirectUri = CisternSettings.oidc("redirect_uri").map(String::trim).orElse("${baseURL}" + CALLBACK_PATH);
        scopes = CisternSettings.oidc("scopes").map(String::trim).orElse("openid profile email");
        nameClaim = CisternSettings.oidc("name_claim").map(String::trim).orElse("preferred_username");
        groupsClaim = CisternSettings.oidc("groups_claim").map(String::trim).orElse("groups");
        groupRoles = new GroupRoles(CisternSettings.oidc("admin_groups").orElse(""),
                CisternSettings.oidc("operator_groups").orElse(""), CisternSettings.oidc("viewer_groups").orElse(""));
    }

    /** Single sign-on is on exactly when an issuer is configured. */
    public boolean enabled() {
        return !issuer.isEmpty();
    }

    public GroupRoles groupRoles() {
        return groupRoles;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public String getScopes() {
        return scopes;
    }

    public String getNameClaim() {
        return nameClaim;
    }

    public String getGroupsClaim() {
        return groupsClaim;
    }
}
