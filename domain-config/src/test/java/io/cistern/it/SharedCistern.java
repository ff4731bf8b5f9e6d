package io.cistern.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Cistern for every test class that uses this extension, on first use, and stops it when the
 * whole run ends: one boot for the group, not one per class.
 * <p>
 * The clients' host for NLM ({@link ClientHost}: a portmapper and a lock manager) starts first, since Cistern is told
 * at start where to find it. It runs without an NLM grace period, so that locking tests need not wait for one to
 * end whichever class starts it; the grace period is checked on a restart ({@link NlmGracePeriodCheck}).
 */
public final class SharedCistern implements BeforeAllCallback, ParameterResolver {
    /** CISTERN_NLM_GRACE_SECONDS of the shared server: none. */
    static final int NLM_GRACE_SECONDS = 0;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCistern.class);

    /** Closes the shared server when JUnit closes the root store at the end of the run. */
    private record Running(CisternProcess cistern, ClientHost clientHost)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            try {
                cistern.close();
            } finally {
                clientHost.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    private static Running server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", key -> start(), Running.class);
    }

    private static Running start() {
        ClientHost clientHost = new ClientHost();
        try {
            CisternProcess cistern = CisternProcess.configure(Path.of("target/it-shared-data").toAbsolutePath(), Map.of(
                    "CISTERN_NLM_CLIENT_PORTMAPPER_PORT", Integer.toString(clientHost.portmapperPort()),
                    "CISTERN_NLM_GRACE_SECONDS", Integer.toString(NLM_GRACE_SECONDS))).startAndAwaitReady();
            return new Running(cistern, clientHost);
        } catch (RuntimeException | Error e) {
            try {
                clientHost.close();
            } catch (java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == CisternProcess.class || type == ClientHost.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Running running = server(extension);
        return parameter.getParameter().getType() == ClientHost.class ? running.clientHost() : running.cistern();
    }
}
