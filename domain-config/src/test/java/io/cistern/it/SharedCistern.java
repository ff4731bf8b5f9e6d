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
 */
public final class SharedCistern implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCistern.class);

    /** Closes the shared server when JUnit closes the root store at the end of the run. */
    private record Running(CisternProcess cistern) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            cistern.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    private static CisternProcess server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", key -> new Running(
                CisternProcess.configure(Path.of("target/it-shared-data").toAbsolutePath(), Map.of()).startAndAwaitReady()),
                Running.class).cistern();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == CisternProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return server(extension);
    }
}
