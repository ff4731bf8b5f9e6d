package io.cistern.core.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportOptionsTest {
    static final int ANON_UID = 65000;
    static final int ANON_GID = 65001;

    static ExportOptions squashing(boolean rootSquash, boolean allSquash) {
        return new ExportOptions(false, rootSquash, allSquash, ANON_UID, ANON_GID, List.of());
    }

    static ExportOptions allowing(String... networks) {
        return new ExportOptions(false, true, false, ANON_UID, ANON_GID, List.of(networks));
    }

    /** Only literals are passed, so this never does a lookup. */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void defaultsAreReadWriteRootSquashNobodyAndEveryClient() {
        ExportOptions defaults = ExportOptions.defaults();
        assertFalse(defaults.readOnly());
        assertTrue(defaults.rootSquash());
        assertFalse(defaults.allSquash());
        assertEquals(65534, defaults.anonUid());
        assertEquals(65534, defaults.anonGid());
        assertEquals(List.of(), defaults.allowedNetworks());
        assertTrue(defaults.allowsClient(ip("203.0.113.9")));
        assertTrue(defaults.allowsClient(ip("2001:db8::9")));
    }

    @Nested
    class Squash {
        @Test
        void withoutSquashingTheIdentityIsUnchanged() {
            assertEquals(new Caller(0, 0, Set.of(0, 10)), squashing(false, false).squash(0, 0, List.of(0, 10)));
        }

        @Test
        void rootSquashMapsUidZeroGidZeroAndGroupZero() {
            assertEquals(new Caller(ANON_UID, ANON_GID, Set.of(ANON_GID, 10)),
                    squashing(true, false).squash(0, 0, List.of(0, 10)));
        }

        @Test
        void rootSquashMapsEachIdOnItsOwn() {
            assertEquals(new Caller(ANON_UID, 100, Set.of()), squashing(true, false).squash(0, 100, List.of()));
            assertEquals(new Caller(1000, ANON_GID, Set.of(ANON_GID)), squashing(true, false).squash(1000, 0, List.of(0)));
        }

        @Test
        void rootSquashLeavesOtherUsersAlone() {
            assertEquals(new Caller(1000, 100, Set.of(10, 20)), squashing(true, false).squash(1000, 100, List.of(10, 20)));
        }

        @Test
        void allSquashMapsEveryoneAndDropsTheGroups() {
            assertEquals(new Caller(ANON_UID, ANON_GID, Set.of()), squashing(false, true).squash(1000, 100, List.of(10)));
            assertEquals(new Caller(ANON_UID, ANON_GID, Set.of()), squashing(true, true).squash(0, 0, List.of(0)));
        }
    }

    @Nested
    class Networks {
        @Test
        void anIpv4BlockMatchesExactlyItsAddresses() {
            ExportOptions options = allowing("10.0.0.0/8");
            assertTrue(options.allowsClient(ip("10.0.0.0")));
            assertTrue(options.allowsClient(ip("10.255.255.255")));
            assertFalse(options.allowsClient(ip("11.0.0.0")));
            assertFalse(options.allowsClient(ip("9.255.255.255")));
        }

        @Test
        void aPrefixInsideAByteIsHonoured() {
            ExportOptions options = allowing("10.1.2.0/23");
            assertTrue(options.allowsClient(ip("10.1.3.255")));
            assertFalse(options.allowsClient(ip("10.1.4.0")));
            assertFalse(options.allowsClient(ip("10.1.1.255")));
        }

        @Test
        void slash32AndABareAddressMatchOneAddress() {
            for (ExportOptions options : List.of(allowing("192.168.1.7/32"), allowing("192.168.1.7"))) {
                assertTrue(options.allowsClient(ip("192.168.1.7")));
                assertFalse(options.allowsClient(ip("192.168.1.6")));
                assertFalse(options.allowsClient(ip("192.168.1.8")));
            }
        }

        @Test
        void slash0MatchesEveryClientOfItsFamilyOnly() {
            assertTrue(allowing("0.0.0.0/0").allowsClient(ip("255.255.255.255")));
            assertFalse(allowing("0.0.0.0/0").allowsClient(ip("::1")));
            assertTrue(allowing("::/0").allowsClient(ip("2001:db8::1")));
            assertFalse(allowing("::/0").allowsClient(ip("10.0.0.1")));
        }

        @Test
        void ipv6BlocksMatch() {
            assertTrue(allowing("::1/128").allowsClient(ip("::1")));
            assertFalse(allowing("::1/128").allowsClient(ip("::2")));
            assertFalse(allowing("::1/128").allowsClient(ip("127.0.0.1")));
            assertTrue(allowing("fd00::/8").allowsClient(ip("fd12:3456::1")));
            assertFalse(allowing("fd00::/8").allowsClient(ip("fe80::1")));
            assertFalse(allowing("fd00::/8").allowsClient(ip("fc00::1")));
            assertTrue(allowing("2001:db8::/33").allowsClient(ip("2001:db8:7fff::1")));
            assertFalse(allowing("2001:db8::/33").allowsClient(ip("2001:db8:8000::")));
        }

        @Test
        void anIpv4MappedClientMatchesIpv4Blocks() throws UnknownHostException {
            byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
            // Inet6Address.getByAddress keeps the IPv6 form, as an address from a dual-stack socket may arrive
            InetAddress client = Inet6Address.getByAddress(null, mapped, -1);
            assertTrue(client instanceof Inet6Address);
            assertTrue(allowing("10.0.0.0/8").allowsClient(client));
            assertFalse(allowing("11.0.0.0/8").allowsClient(client));
            assertTrue(allowing("10.0.0.0/8").allowsClient(ip("::ffff:10.1.2.3")));
        }

        @Test
        void anyMatchingEntryAllowsAndNoneDenies() {
            ExportOptions options = allowing("10.0.0.0/8", " 192.168.0.0/16 ", "fd00::/8");
            assertTrue(options.allowsClient(ip("192.168.44.1")));
            assertTrue(options.allowsClient(ip("fdff::1")));
            assertFalse(options.allowsClient(ip("172.16.0.1")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/", "10.0.0.0/8/8", "/8", "",
            "::/129", "10.0.0.1/8", "fd00::1/8", "example.com", "localhost", "nfs-client", "10.0.0", "10.0.0.0.0",
            "256.1.1.1", "010.0.0.1", "1.2.3.04", "fe80::1%eth0", "[::1]", "1::2::3", "g::1", ".::1",
            "::ffff:10.0.0.0/104", "10.0.0.0 /8"})
        void badEntriesAreRejectedNamingTheEntry(String entry) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allowing(entry));
            assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
        }

        @Test
        void hostBitsGetASuggestion() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> allowing("192.168.1.10/24"));
            assertTrue(e.getMessage().contains("192.168.1.0/24"), e.getMessage());
        }

        @Test
        void theListIsCopied() {
            List<String> networks = new java.util.ArrayList<>(List.of("10.0.0.0/8"));
            ExportOptions options = new ExportOptions(false, true, false, 1, 1, networks);
            networks.add("0.0.0.0/0");
            assertFalse(options.allowsClient(ip("192.0.2.1")));
        }
    }
}
