package io.cistern.batch.it;

import io.cistern.core.it.S3ProxyProcess;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts one S3Proxy for the whole test run, before Arquillian boots Payara Micro (whose Cistern stores its blocks
 * there: CISTERN_STORE=s3, see the pom), with the bucket {@value #BUCKET}, and stops it at the end, whether the
 * tests passed or not, and whichever JVM started it last (in-container tests may stop and start it through
 * {@link S3ProxyProcess#attach}). Runs next to ejb-core's {@code EmbeddedDatabase}, which its test-jar registers
 * under the same service name: the JUnit launcher reads every such file on the class path.
 */
public class S3ProxyForTests implements LauncherSessionListener {
    public static final String BUCKET = "cistern-it";
    private static final Logger LOG = Logger.getLogger(S3ProxyForTests.class.getName());

    private S3ProxyProcess s3proxy;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("cistern.it.s3.port");
        if (port == null) {
            return;   // a unit-test run: no in-container tests, no S3Proxy
        }
        Path jar = Path.of(required("cistern.test.s3proxy.jar"));
        Path directory = Path.of(required("cistern.it.s3proxy.dir"));
        s3proxy = S3ProxyProcess.launch(jar, directory, Integer.parseInt(port));
        s3proxy.createBucket(BUCKET);
        LOG.info(() -> s3proxy + " is running with bucket " + BUCKET);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (s3proxy != null) {
            // by the pid file: if an in-container test restarted it, another JVM (Payara Micro's) started it
            s3proxy.stop();
            LOG.info(() -> s3proxy + " stopped");
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
