package io.cistern.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cistern.it.AdminApiClient.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a real OpenID Connect provider: no.nav.security's mock-oauth2-server, run in this JVM with its
 * interactive login page (a username and the claims to put into the tokens), and a Cistern of its own configured
 * against it (the shared server runs with SSO off, which {@link HttpEndpointsIT} checks). The flow is driven step by
 * step over HTTP ({@link SsoHttpBrowser}): the login's redirect to the issuer, a forged state, groups mapped to roles,
 * a user in no mapped group and one without a local account; then in headless Chromium ({@code src/test/e2e/sso.mjs})
 * from the console's "Sign in with SSO" button to the dashboard.
 */
class SingleSignOnIT {
    private static final String ISSUER_ID = "cistern-it";
    private static final String CLIENT_ID = "cistern-console";
    private static final Path SCREENSHOTS = Path.of("target/e2e-screenshots").toAbsolutePath();
    private static MockOAuth2Server provider;
    private static CisternProcess cistern;
    private static AdminApiClient api;
    private static String admin;

    @BeforeAll
    static void startProviderAndCistern() throws Exception {
        provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        Path data = Path.of("target/it-sso-data").toAbsolutePath();
        TestDirectories.deleteRecursively(data);
        cistern = CisternProcess.configure(data, Map.of(
                "CISTERN_OIDC_ISSUER", provider.issuerUrl(ISSUER_ID).toString(),
                "CISTERN_OIDC_CLIENT_ID", CLIENT_ID,
                "CISTERN_OIDC_CLIENT_SECRET", "it-client-secret",
                "CISTERN_OIDC_ADMIN_GROUPS", "cistern-admins",
                "CISTERN_OIDC_OPERATOR_GROUPS", "storage-ops, cistern-ops",
                "CISTERN_OIDC_VIEWER_GROUPS", "staff")).startAndAwaitReady();
        api = new AdminApiClient(cistern);
        admin = api.accessToken("admin", CisternProcess.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cistern != null) {
                cistern.close();
            }
        } finally {
            if (provider != null) {
                provider.shutdown();
            }
        }
    }

    @Test
    void theLoginRedirectsToTheIssuerWithClientIdStateAndNonce() throws Exception {
        Answer described = api.get("auth/sso", null);
        assertEquals(200, described.status(), described.body());
        assertEquals("/sso/login", described.json().getString("loginPath"));

        SsoHttpBrowser browser = new SsoHttpBrowser();
        HttpResponse<String> login = browser.get(cistern.httpBase() + "/sso/login");
        assertEquals(302, login.statusCode(), login.body());
        String location = SsoHttpBrowser.location(login);
        assertTrue(location.startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString() + "?"), location);
        Map<String, String> query = SsoHttpBrowser.query(location);
        assertEquals(CLIENT_ID, query.get("client_id"), location);
        assertEquals("code", query.get("response_type"), location);
        assertEquals(List.of("email", "openid", "profile"), List.of(query.get("scope").split(" ")).stream().sorted()
                .toList(), location);
        assertEquals(cistern.httpBase() + "/sso/callback", query.get("redirect_uri"), location);
        assertTrue(query.get("state").length() >= 16, "a state: " + location);
        assertTrue(query.get("nonce").length() >= 16, "a nonce: " + location);
        HttpResponse<String> again = new SsoHttpBrowser().get(cistern.httpBase() + "/sso/login");
        assertNotEquals(query.get("state"), SsoHttpBrowser.query(SsoHttpBrowser.location(again)).get("state"));
    }

    @Test
    void aCallbackWithAForgedStateIsRefused() throws Exception {
        createUser("mallory-victim", "viewer");
        SsoHttpBrowser browser = new SsoHttpBrowser();
        String authorize = SsoHttpBrowser.location(browser.get(cistern.httpBase() + "/sso/login"));
        HttpResponse<String> atProvider = browser.signInAtProvider(authorize, "mallory-victim",
                "{\"groups\": [\"cistern-admins\"]}");
        assertEquals(302, atProvider.statusCode(), atProvider.body());
        Map<String, String> answer = SsoHttpBrowser.query(SsoHttpBrowser.location(atProvider));
        assertEquals(SsoHttpBrowser.query(authorize).get("state"), answer.get("state"), "the provider returns the state");

        HttpResponse<String> forged = browser.get(cistern.httpBase() + "/sso/callback?code=" + answer.get("code")
                + "&state=forged-" + answer.get("state"));
        assertEquals(401, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("does not belong to the login this browser started"), forged.body());
        assertTrue(forged.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("cistern_sso=")));
        assertEquals(401, exchange(browser).statusCode(), "no login to pick up");

        // a callback in a browser that never started a login: no state to compare with
        HttpResponse<String> unsolicited = new SsoHttpBrowser().get(cistern.httpBase() + "/sso/callback?code="
                + answer.get("code") + "&state=" + answer.get("state"));
        assertEquals(401, unsolicited.statusCode(), unsolicited.body());
        assertTrue(unsolicited.body().contains("no single sign-on was started in this browser"), unsolicited.body());
        assertEquals("viewer", api.get("users/mallory-victim", admin).json().getString("role"), "the role is unchanged");
    }

    @Test
    void groupsMapToRolesAndTheConsoleGetsItsTokensOnceThroughACookie() throws Exception {
        createUser("alice-sso", "viewer");
        SsoHttpBrowser browser = new SsoHttpBrowser();
        HttpResponse<String> callback = signIn(browser, "alice-sso", "{\"groups\": [\"staff\", \"cistern-admins\"]}");
        assertEquals(303, callback.statusCode(), callback.body());
        assertEquals("/console/#/sso", SsoHttpBrowser.location(callback), "no code or token in the URL");
        String cookie = callback.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cistern_sso="))
                .findFirst().orElseThrow(() -> new AssertionError("no code cookie: " + callback.headers()));
        for (String attribute : List.of("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/sso", "Max-Age=60")) {
            assertTrue(cookie.toLowerCase().contains(attribute.toLowerCase()), attribute + " in " + cookie);
        }

        HttpResponse<String> exchanged = exchange(browser);
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        JsonObject tokens = Json.createReader(new StringReader(exchanged.body())).readObject();
        assertEquals("alice-sso", tokens.getString("username"));
        assertEquals("admin", tokens.getString("role"), "cistern-admins beats staff");
        Answer me = api.get("auth/me", tokens.getString("accessToken"));
        assertEquals("admin", me.json().getString("role"), me.body());
        assertEquals(200, api.get("audit?limit=5", tokens.getString("accessToken")).status(), "an admin's endpoint");
        assertEquals(401, exchange(browser).statusCode(), "the code works once");
        Answer refreshed = api.post("auth/refresh", Json.createObjectBuilder()
                .add("refreshToken", tokens.getString("refreshToken")).build(), null);
        assertEquals(200, refreshed.status(), "an SSO login refreshes like any: " + refreshed.body());

        createUser("bob-sso", "admin");
        SsoHttpBrowser bobs = new SsoHttpBrowser();
        assertEquals(303, signIn(bobs, "bob-sso", "{\"groups\": [\"cistern-ops\"]}").statusCode());
        JsonObject bob = Json.createReader(new StringReader(exchange(bobs).body())).readObject();
        assertEquals("operator", bob.getString("role"), "the provider's groups decide, also downwards");
        assertEquals(403, api.get("audit?limit=5", bob.getString("accessToken")).status(), "not an admin any more");

        List<JsonObject> audit = api.get("audit?limit=100", admin).array().getValuesAs(JsonObject.class);
        assertTrue(audit.stream().anyMatch(event -> event.getString("action").equals("auth.login")
                && event.getString("actor").equals("alice-sso") && event.getBoolean("success")
                && event.getString("address").equals("127.0.0.1")
                && event.getString("detail").startsWith("sso; role viewer -> admin")), "alice's SSO login: " + audit);
    }

    @Test
    void aUserInNoMappedGroupIsRefusedAndGetsNoRole() throws Exception {
        createUser("carol-sso", "viewer");
        SsoHttpBrowser browser = new SsoHttpBrowser();
        HttpResponse<String> callback = signIn(browser, "carol-sso", "{\"groups\": [\"marketing\", \"Cistern-Admins\"]}");
        assertEquals(403, callback.statusCode(), callback.body());
        assertTrue(callback.body().contains("none of the user&#39;s groups (Cistern-Admins, marketing)"), callback.body());
        assertTrue(callback.body().contains("data-code=\"no_role\""), callback.body());
        assertTrue(callback.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("cistern_sso=")));
        assertEquals(401, exchange(browser).statusCode());
        HttpResponse<String> groupless = signIn(new SsoHttpBrowser(), "carol-sso", "{}");
        assertEquals(403, groupless.statusCode(), "no groups claim at all: " + groupless.body());
        assertEquals("viewer", api.get("users/carol-sso", admin).json().getString("role"), "the role is unchanged");
        List<JsonObject> audit = api.get("audit?limit=100", admin).array().getValuesAs(JsonObject.class);
        assertTrue(audit.stream().anyMatch(event -> event.getString("action").equals("auth.login")
                && event.getString("actor").equals("carol-sso") && !event.getBoolean("success")
                && event.getString("detail").startsWith("sso: no group mapped")), "carol's refusal: " + audit);
    }

    @Test
    void aProviderUserWithoutALocalAccountIsRefused() throws Exception {
        HttpResponse<String> callback = signIn(new SsoHttpBrowser(), "nobody-" + AdminApiIT.shortId(),
                "{\"groups\": [\"cistern-admins\"]}");
        assertEquals(403, callback.statusCode(), callback.body());
        assertTrue(callback.body().contains("data-code=\"no_account\""), callback.body());
    }

    @Test
    void theBrowserSignsInWithSsoAndLandsOnTheDashboardWithItsRole() throws Exception {
        createUser("erin-sso", "viewer");
        ConsoleScript.installDependencies();
        ConsoleScript.Run run = ConsoleScript.runScript("sso.mjs", Map.of("CISTERN_URL", cistern.httpBase(),
                "SCREENSHOT_DIR", SCREENSHOTS.toString(), "SSO_USER", "erin-sso",
                "SSO_GROUPS", "[\"storage-ops\"]", "SSO_ROLE", "operator"), Duration.ofMinutes(2));
        System.out.printf("sso script:%n%s", run.output());
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(5, run.output().lines().filter(line -> line.startsWith("ok - ")).count(), run.output());
        assertEquals("operator", api.get("users/erin-sso", admin).json().getString("role"));
        Path png = SCREENSHOTS.resolve("sso-dashboard-1280.png");
        assertTrue(Files.size(png) > 10_000, png + " is too small to show a page");
        try (InputStream in = Files.newInputStream(png); DataInputStream bytes = new DataInputStream(in)) {
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, bytes.readNBytes(8));
        }
    }

    /** From the SSO button's link through the provider's login page to Cistern's callback; answers the callback. */
    private static HttpResponse<String> signIn(SsoHttpBrowser browser, String username, String claims)
            throws Exception {
        HttpResponse<String> login = browser.get(cistern.httpBase() + "/sso/login");
        assertEquals(302, login.statusCode(), login.body());
        HttpResponse<String> atProvider = browser.signInAtProvider(SsoHttpBrowser.location(login), username, claims);
        assertEquals(302, atProvider.statusCode(), atProvider.body());
        String callback = SsoHttpBrowser.location(atProvider);
        assertTrue(callback.startsWith(cistern.httpBase() + "/sso/callback?"), callback);
        return browser.get(callback);
    }

    private static HttpResponse<String> exchange(SsoHttpBrowser browser) throws Exception {
        return browser.post(cistern.httpBase() + "/api/v1/auth/sso/exchange");
    }

    private static void createUser(String name, String role) throws Exception {
        Answer created = api.post("users", Json.createObjectBuilder().add("username", name).add("role", role)
                .add("password", "it-" + name + "-pass").build(), admin);
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().isEmpty());
    }
}
