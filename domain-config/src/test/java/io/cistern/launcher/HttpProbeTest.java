package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpProbeTest {
    @Test
    void probesWildcardBindsOnLoopbackAndBracketsIpv6() {
        assertEquals("http://127.0.0.1:8080", HttpProbe.baseUrl("127.0.0.1", 8080));
        assertEquals("http://127.0.0.1:8080", HttpProbe.baseUrl("0.0.0.0", 8080));
        assertEquals("http://[::1]:8080", HttpProbe.baseUrl("::", 8080));
        assertEquals("http://[fe80::1]:9000", HttpProbe.baseUrl("fe80::1", 9000));
        assertEquals("http://10.1.2.3:80", HttpProbe.baseUrl("10.1.2.3", 80));
    }
}
