package io.cistern.core.it;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * ejb-core as an in-container test deploys it: every package but the adapters' MDBs (their resource
 * adapters are not deployed here), with the descriptors the real archives carry. One builder, so that no
 * test archive forgets orm.xml, without which the attribute cache is never invalidated.
 */
public final class CoreArchive {
    private CoreArchive() {
    }

    public static WebArchive create(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addPackages(false, "io.cistern.core.model", "io.cistern.core.service", "io.cistern.core.config",
                        "io.cistern.core.health", "io.cistern.core.fs", "io.cistern.core.metadata", "io.cistern.core.payload",
                        "io.cistern.core.content", "io.cistern.core.journal", "io.cistern.core.blocks",
                        "io.cistern.core.nsm", "io.cistern.core.shares", "io.cistern.core.stats",
                        "io.cistern.core.schedule", "io.cistern.core.schema", "io.cistern.core.stores",
                        "io.cistern.core.tx", "io.cistern.core.watch")
                .addClasses(CoreArchive.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("META-INF/orm.xml")
                .addAsResource("META-INF/cistern-version.properties")
                .addAsResource("io/cistern/core/metadata/one-trip-mutations.sql")
                .addAsWebInfResource("META-INF/beans.xml", "beans.xml");
    }

    /**
     * {@link #create} with the SMB adapter's {@code NtHash} and the Bouncy Castle jar it runs on, which a real server
     * finds in the deployed rar-smb.rar: with them the first-start administrator gets its sealed NT hash. Every test
     * class of one run must use this or none, since whichever deploys first creates the administrator. (Other
     * modules' tests use {@link #create}; their administrator then has no NT hash, which is logged.)
     */
    public static WebArchive createWithNtHash(String name) {
        try {
            File bouncyCastle = new File(org.bouncycastle.crypto.digests.MD4Digest.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
            return create(name).addClass(io.cistern.smb.spi.NtHash.class).addAsLibraries(bouncyCastle);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
