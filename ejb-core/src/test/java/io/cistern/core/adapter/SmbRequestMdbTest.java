package io.cistern.core.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.cistern.core.service.IdentityService;
import io.cistern.core.service.LogonAccount;
import io.cistern.core.service.ShareCatalog;
import io.cistern.core.service.ShareSummary;
import io.cistern.smb.spi.SmbAccount;
import io.cistern.smb.spi.SmbCaller;
import io.cistern.smb.spi.SmbListener;
import io.cistern.smb.spi.SmbShare;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmbRequestMdbTest {
    private static final byte[] NT_HASH = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    private static final SmbCaller CALLER = new SmbCaller(new InetSocketAddress("192.0.2.7", 50000));

    /**
     * Each service call is its own transaction (or, for the logon's reads, none): the MDB must not add one, neither
     * for the whole bean nor for a method.
     */
    @Test
    void noListenerMethodRunsInATransaction() throws NoSuchMethodException {
        TransactionAttribute onBean = SmbRequestMdb.class.getAnnotation(TransactionAttribute.class);
        assertNotNull(onBean);
        assertEquals(TransactionAttributeType.NOT_SUPPORTED, onBean.value());
        for (Method method : SmbListener.class.getMethods()) {
            Method implementation = SmbRequestMdb.class.getMethod(method.getName(), method.getParameterTypes());
            TransactionAttribute onMethod = implementation.getAnnotation(TransactionAttribute.class);
            if (onMethod != null) {
                assertEquals(TransactionAttributeType.NOT_SUPPORTED, onMethod.value(), method.getName());
            }
        }
    }

    @Test
    void theAccountTheServiceFindsIsHandedToTheAdapter() throws ReflectiveOperationException {
        List<String> asked = new ArrayList<>();
        SmbRequestMdb mdb = mdbWith(new IdentityService() {
            @Override
            public Optional<LogonAccount> logonAccount(String name) {
                asked.add(name);
                return name.equalsIgnoreCase("alice")
                        ? Optional.of(new LogonAccount("alice", NT_HASH, 1001, 1001, new int[] {100, 1001}))
                        : Optional.empty();
            }
        });
        SmbAccount alice = mdb.accountForLogon(CALLER, "ALICE", "WORKGROUP").orElseThrow();
        assertEquals("alice", alice.username());
        assertArrayEquals(NT_HASH, alice.ntHash());
        assertEquals(1001, alice.uid());
        assertEquals(1001, alice.gid());
        assertArrayEquals(new int[] {100, 1001}, alice.groups());
        assertFalse(alice.toString().contains("1, 2, 3"), "the hash stays out of the text");
        assertEquals(Optional.empty(), mdb.accountForLogon(CALLER, "mallory", ""));
        assertEquals(List.of("ALICE", "mallory"), asked, "the domain takes no part in the match");
    }

    @Test
    void aSharesSmbOptionsReachTheAdapter() {
        SmbShare strict = SmbRequestMdb.smbShare(new ShareSummary(7, "strict", false, true, true, 65000, 65001, true));
        assertEquals(true, strict.signingRequired());
        assertEquals(true, strict.encryptionRequired());
        assertEquals(65000, strict.guest().uid());
        assertEquals(65001, strict.guest().gid());
        SmbShare plain = SmbRequestMdb.smbShare(new ShareSummary(8, "plain", false));
        assertFalse(plain.signingRequired());
        assertFalse(plain.encryptionRequired());
        assertFalse(plain.allowsGuests());
    }

    @Test
    void theShareTheCatalogFindsIsHandedToTheAdapterWithItsRules() throws ReflectiveOperationException {
        List<String> asked = new ArrayList<>();
        SmbRequestMdb mdb = inject(new SmbRequestMdb(), "shares", new ShareCatalog() {
            @Override
            public Optional<ShareSummary> shareFor(String account, String name) {
                asked.add(account + ":" + name);
                return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "data" -> Optional.of(new ShareSummary(7, "data", false));
                    case "archive" -> Optional.of(new ShareSummary(9, "Archive", true));
                    default -> Optional.empty();
                };
            }
        });
        assertEquals(Optional.of(new SmbShare(7, "data", false)), mdb.shareForTree(CALLER, "alice", "DATA"));
        assertEquals(Optional.of(new SmbShare(9, "Archive", true)), mdb.shareForTree(CALLER, "bob", "archive"),
                "the stored spelling and the read-only rule");
        assertEquals(Optional.empty(), mdb.shareForTree(CALLER, "alice", "nope"));
        assertEquals(List.of("alice:DATA", "bob:archive", "alice:nope"), asked,
                "the account and the name as the client sent it");
    }

    private static SmbRequestMdb mdbWith(IdentityService identities) throws ReflectiveOperationException {
        return inject(new SmbRequestMdb(), "identities", identities);
    }

    private static SmbRequestMdb inject(SmbRequestMdb mdb, String fieldName, Object service)
            throws ReflectiveOperationException {
        Field field = SmbRequestMdb.class.getDeclaredField(fieldName);
        field.setAccessible(true);
        field.set(mdb, service);
        return mdb;
    }
}
