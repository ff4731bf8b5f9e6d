package io.cistern.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredStoreTest {
    private static final String ACCESS_KEY = "AKIAEXAMPLEKEY123456";

    @Test
    void anS3StoreShowsWhereItIsAndOnlyAMaskOfItsKeyId() {
        Map<String, String> settings = Map.of("endpoint", "http://127.0.0.1:9000", "bucket", "blocks",
                "access_key", ACCESS_KEY);
        ConfiguredStore store = ConfiguredStore.of("s3", "/data/blocks",
                name -> Optional.ofNullable(settings.get(name)), true, true);
        assertEquals(new ConfiguredStore("s3", null, "http://127.0.0.1:9000", "blocks", "", "us-east-1", true,
                "static", "AKI…456"), store);
        assertFalse(store.toString().contains("EXAMPLEKEY"), store.toString());
    }

    @Test
    void credentialsAreTheDefaultChainWithoutKeysAndIncompleteWithOnlyOne() {
        assertEquals("default chain", ConfiguredStore.of("s3", "/d", name -> Optional.empty(), false, false)
                .credentials());
        ConfiguredStore secretOnly = ConfiguredStore.of("s3", "/d", name -> Optional.empty(), false, true);
        assertEquals("incomplete", secretOnly.credentials());
        assertNull(secretOnly.accessKey());
    }

    @Test
    void aShortKeyIdShowsNothingButThatItIsSet() {
        assertEquals("…", ConfiguredStore.mask("short-key"));
    }

    @Test
    void theFilesystemStoreShowsItsDirectoryAndNoS3Fields() {
        assertEquals(new ConfiguredStore("filesystem", "/data/blocks", null, null, null, null, null, null, null),
                ConfiguredStore.of("filesystem", "/data/blocks", name -> Optional.of("ignored"), true, true));
    }
}
