package io.cistern.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The checks a start-only change must pass beyond its own form ({@link StartSetting#normalize}), made when it is
 * changed so that an override does not lock the server out at its next start: the settings taken together as the
 * launcher takes them (distinct ports, HTTPS when plain HTTP is off), and, for what changed, what the machine says
 * now (the address is this machine's, the port is free, the JVM starts with the options, the keystore opens). A port
 * taken later still fails the next start; the launcher then names the override and how to remove it.
 */
final class StartSettingChecks {
    private static final long JVM_CHECK_SECONDS = 60;

    /**
     * @param next        each setting's value at the next start (null: unset)
     * @param current     each setting's value in effect now, whose ports this server holds
     * @param changed     the settings the request changes; a refusal names one of them
     * @param environment a variable of the process's environment (the keystore's password), or null
     */
    record Proposal(Map<StartSetting, String> next, Map<StartSetting, String> current, Set<StartSetting> changed,
                    Function<String, String> environment) {
        String next(StartSetting setting) {
            return next.get(setting);
        }

        /** The setting a refusal about {@code involved} names: the first of them this request changes. */
        String blame(StartSetting... involved) {
            for (StartSetting setting : involved) {
                if (changed.contains(setting)) {
                    return setting.envName();
                }
            }
            return changed.iterator().next().envName();
        }
    }

    private StartSettingChecks() {
    }

    /** Each check in turn; the first that fails is a {@link SettingException} naming the setting. */
    static void check(Proposal proposal) {
        distinctPorts(proposal);
        httpsComplete(proposal);
        for (StartSetting setting : proposal.changed()) {
            if (proposal.next(setting) == null) {
                continue;
            }
            switch (setting) {
                case JAVA_OPTS -> javaOptions(setting, proposal.next(setting));
                case TLS_KEYSTORE -> keystore(proposal);
                case NFS_BIND, SMB_BIND, HTTP_BIND -> localAddress(setting, proposal.next(setting));
                default -> {
                }
            }
        }
        freePorts(proposal);
    }

    /** A listener at the next start: its port's setting, its address's setting, and the port (0: none). */
    private record Listener(String protocol, StartSetting portSetting, StartSetting bindSetting, int port) {
    }

    private static List<Listener> listeners(Map<StartSetting, String> values) {
        List<Listener> listeners = new ArrayList<>();
        listeners.add(new Listener("NFS", StartSetting.NFS_PORT, StartSetting.NFS_BIND, number(values.get(StartSetting.NFS_PORT))));
        listeners.add(new Listener("SMB", StartSetting.SMB_PORT, StartSetting.SMB_BIND, number(values.get(StartSetting.SMB_PORT))));
        listeners.add(new Listener("HTTP", StartSetting.HTTP_PORT, StartSetting.HTTP_BIND, number(values.get(StartSetting.HTTP_PORT))));
        listeners.add(new Listener("HTTPS", StartSetting.HTTPS_PORT, StartSetting.HTTP_BIND, number(values.get(StartSetting.HTTPS_PORT))));
        String portmapper = values.get(StartSetting.PORTMAPPER);
        int portmapperPort = "on".equals(portmapper) ? 111 : "off".equals(portmapper) ? 0 : number(portmapper);
        listeners.add(new Listener("portmapper", StartSetting.PORTMAPPER, StartSetting.NFS_BIND, portmapperPort));
        return listeners.stream().filter(listener -> listener.port() > 0).toList();
    }

    /** A port; a value the next start would refuse anyway (only the environment can hold one) counts as none. */
    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void distinctPorts(Proposal proposal) {
        List<Listener> listeners = listeners(proposal.next());
        for (int i = 0; i < listeners.size(); i++) {
            for (int j = i + 1; j < listeners.size(); j++) {
                Listener a = listeners.get(i);
                Listener b = listeners.get(j);
                if (a.port() == b.port()) {
                    throw refusal(proposal.blame(a.portSetting(), b.portSetting()), a.protocol() + " and "
                            + b.protocol() + " would both listen on port " + a.port() + ": every listener needs a port"
                            + " of its own");
                }
            }
        }
    }

    private static void httpsComplete(Proposal proposal) {
        boolean https = proposal.next(StartSetting.HTTPS_PORT) != null;
        if ("off".equals(proposal.next(StartSetting.HTTP)) && !https) {
            throw refusal(proposal.blame(StartSetting.HTTP, StartSetting.HTTPS_PORT), "plain HTTP off needs "
                    + StartSetting.HTTPS_PORT.envName() + ": the admin API needs a listener");
        }
        if (https && proposal.next(StartSetting.TLS_KEYSTORE) == null) {
            throw refusal(proposal.blame(StartSetting.HTTPS_PORT, StartSetting.TLS_KEYSTORE), "HTTPS needs "
                    + StartSetting.TLS_KEYSTORE.envName() + " too");
        }
        if (https && blank(proposal.environment().apply("CISTERN_TLS_KEYSTORE_PASSWORD"))) {
            throw refusal(proposal.blame(StartSetting.HTTPS_PORT, StartSetting.TLS_KEYSTORE), "HTTPS needs the"
                    + " keystore's password in the environment variable CISTERN_TLS_KEYSTORE_PASSWORD, which a setting"
                    + " cannot hold; set it there and restart first");
        }
    }

    /** The address resolves and is one of this machine's (or the wildcard): else nothing could bind it. */
    private static void localAddress(StartSetting setting, String address) {
        try {
            InetAddress resolved = InetAddress.getByName(address);
            if (!resolved.isAnyLocalAddress() && NetworkInterface.getByInetAddress(resolved) == null) {
                throw refusal(setting.envName(), address + " is not an address of this machine");
            }
        } catch (UnknownHostException e) {
            throw refusal(setting.envName(), "'" + address + "' is not a known address");
        } catch (SocketException e) {
            throw refusal(setting.envName(), "cannot look at this machine's addresses: " + e.getMessage());
        }
    }

    /**
     * Each listener whose port or address changes must be able to bind: a port this server holds now is checked on
     * the address alone (binding it again would clash with ourselves), any other port for real, as the launcher's
     * port check does (SO_REUSEADDR, so that connections in TIME_WAIT do not count).
     */
    private static void freePorts(Proposal proposal) {
        List<Listener> now = listeners(proposal.current());
        for (Listener listener : listeners(proposal.next())) {
            if (!proposal.changed().contains(listener.portSetting()) && !proposal.changed().contains(listener.bindSetting())) {
                continue;
            }
            String address = proposal.next(listener.bindSetting());
            boolean heldByUs = now.stream().anyMatch(held -> held.port() == listener.port());
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), heldByUs ? 0 : listener.port()));
            } catch (IOException e) {
                String reason = String.valueOf(e.getMessage()).contains("in use") ? "is in use" : "cannot be bound ("
                        + e.getMessage() + ")";
                throw refusal(proposal.blame(listener.portSetting(), listener.bindSetting()), listener.protocol()
                        + " port " + listener.port() + " on " + address + " " + reason);
            }
        }
    }

    /** The JVM the launcher uses (this one's) must start with the options: {@code java <options> -version}. */
    static void javaOptions(StartSetting setting, String options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options.split(" ")));
        command.add("-version");
        try {
            Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
            jvm.getOutputStream().close();
            String output;
            try (InputStream in = jvm.getInputStream()) {
                output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (!jvm.waitFor(JVM_CHECK_SECONDS, TimeUnit.SECONDS)) {
                jvm.destroyForcibly();
                throw refusal(setting.envName(), "the JVM did not start with these options within "
                        + JVM_CHECK_SECONDS + " s");
            }
            if (jvm.exitValue() != 0) {
                String firstLine = output.lines().filter(line -> !line.isBlank()).findFirst().orElse("no output");
                throw refusal(setting.envName(), "the JVM does not start with these options: " + firstLine);
            }
        } catch (IOException e) {
            throw refusal(setting.envName(), "cannot start a JVM to check the options: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refusal(setting.envName(), "interrupted while checking the options");
        }
    }

    /** A PKCS#12 file this user reads, opened by the environment's password, with exactly one private key. */
    private static void keystore(Proposal proposal) {
        String name = StartSetting.TLS_KEYSTORE.envName();
        Path file = Path.of(proposal.next(StartSetting.TLS_KEYSTORE));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw refusal(name, file + " is not a file this server can read");
        }
        String password = proposal.environment().apply("CISTERN_TLS_KEYSTORE_PASSWORD");
        if (blank(password)) {
            return; // without HTTPS nothing opens it; with HTTPS, httpsComplete has already refused
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            int keys = 0;
            for (String alias : Collections.list(store.aliases())) {
                keys += store.isKeyEntry(alias) ? 1 : 0;
            }
            if (keys != 1) {
                throw refusal(name, file + " needs exactly one private key entry, found " + keys);
            }
        } catch (IOException | GeneralSecurityException e) {
            // the message never holds the password; a wrong one shows as an IOException here
            throw refusal(name, file + " does not open as PKCS#12 with CISTERN_TLS_KEYSTORE_PASSWORD");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static SettingException refusal(String name, String message) {
        return new SettingException("invalid_value", name, name + ": " + message);
    }
}
