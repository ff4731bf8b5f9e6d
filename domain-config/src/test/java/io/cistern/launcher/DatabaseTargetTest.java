package io.cistern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {
    @Test
    void redactsPasswordsInTheUrl() {
        assertEquals("jdbc:postgresql://db:5432/cistern", DatabaseTarget.redact("jdbc:postgresql://db:5432/cistern"));
        assertEquals("jdbc:postgresql://db/cistern?user=c&password=****&ssl=true",
                DatabaseTarget.redact("jdbc:postgresql://db/cistern?user=c&password=s3cret&ssl=true"));
        assertEquals("jdbc:postgresql://db/x?sslpassword=****", DatabaseTarget.redact("jdbc:postgresql://db/x?sslpassword=k"));
        assertEquals("jdbc:postgresql://****@db/x", DatabaseTarget.redact("jdbc:postgresql://user:pw@db/x"));
    }

    @Test
    void toStringShowsNoSecret() {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://db/x?password=inurl", "cistern", Secret.of("given"));
        assertFalse(target.toString().contains("inurl"));
        assertFalse(target.toString().contains("given"));
    }
}
