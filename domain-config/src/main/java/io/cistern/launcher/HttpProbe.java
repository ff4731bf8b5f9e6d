package io.cistern.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/** One GET against the local server, with short timeouts; any failure is "no answer yet". */
final class HttpProbe {
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int READ_TIMEOUT_MS = 5000;
    private static final int MAX_BODY = 64 * 1024;

    /** Status code and body of an answer. */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    private final String baseUrl;
    /** For an https base URL: trusts exactly the server's configured certificate; null for plain HTTP. */
    private final SSLContext tls;

    HttpProbe(String baseUrl) {
        this(baseUrl, null);
    }

    HttpProbe(String baseUrl, SSLContext tls) {
        this.baseUrl = baseUrl;
        this.tls = tls;
    }

    /**
     * The base URL for probing a listener bound to {@code bindAddress}: a wildcard bind is probed on loopback;
     * IPv6 literals are bracketed.
     */
    static String baseUrl(String bindAddress, int port) {
        return baseUrl("http", bindAddress, port);
    }

    /** As {@link #baseUrl(String, int)} for {@code http} or {@code https}. */
    static String baseUrl(String scheme, String bindAddress, int port) {
        String host = switch (bindAddress) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]", "0:0:0:0:0:0:0:0" -> "::1";
            default -> bindAddress;
        };
        return scheme + "://" + urlHost(host) + ":" + port;
    }

    /** An address as URL host: IPv6 literals in brackets. */
    static String urlHost(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    Optional<Answer> get(String path) {
        HttpURLConnection connection = null;
        try {
            // never through a proxy: the server is on this machine
            connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestProperty("Accept", "application/json");
            if (connection instanceof HttpsURLConnection secure && tls != null) {
                secure.setSSLSocketFactory(tls.getSocketFactory());
                // the certificate is pinned (the one in the configured keystore); its name need not be the bind address
                secure.setHostnameVerifier((host, session) -> true);
            }
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            return Optional.of(new Answer(status, body == null ? "" : read(body)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static String read(InputStream body) throws IOException {
        try (InputStream in = body) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        }
    }
}
