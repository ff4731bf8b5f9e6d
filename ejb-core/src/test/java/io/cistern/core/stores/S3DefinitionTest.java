package io.cistern.core.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An S3 store's fields as an administrator gives them: each error names its field, no credential is shown. */
class S3DefinitionTest {
    @Test
    void defaultsFollowTheDefaultStoresRules() {
        S3Definition withEndpoint = S3Definition.of("http://127.0.0.1:9000", "blocks", null, null, null, "id", "s");
        assertEquals("", withEndpoint.prefix());
        assertEquals("us-east-1", withEndpoint.region());
        assertTrue(withEndpoint.pathStyle(), "path-style with an endpoint");
        S3Definition aws = S3Definition.of(null, "blocks", "p/", "EU-WEST-1", null, null, null);
        assertNull(aws.endpoint());
        assertFalse(aws.pathStyle(), "virtual-host style on AWS");
        assertEquals("eu-west-1", aws.region());
        assertNull(aws.accessKey(), "neither key: the default chain");
    }

    @Test
    void eachBadFieldIsNamed() {
        assertField("endpoint", () -> S3Definition.of("ftp://host", "blocks", "", null, null, null, null));
        assertField("endpoint", () -> S3Definition.of("http://user:pw@host:9000", "blocks", "", null, null, null,
                null));
        assertField("bucket", () -> S3Definition.of(null, "Upper_Case", "", null, null, null, null));
        assertField("bucket", () -> S3Definition.of(null, null, "", null, null, null, null));
        assertField("prefix", () -> S3Definition.of(null, "blocks", "/abs", null, null, null, null));
        assertField("region", () -> S3Definition.of(null, "blocks", "", "us east", null, null, null));
        assertField("secretKey", () -> S3Definition.of(null, "blocks", "", null, null, "id", null));
        assertField("accessKey", () -> S3Definition.of(null, "blocks", "", null, null, "", "secret"));
    }

    @Test
    void sameBucketIgnoresCaseAndTrailingSlashesOfTheEndpoint() {
        S3Definition definition = S3Definition.of("http://Host:9000/", "blocks", "", null, null, null, null);
        assertTrue(definition.sameBucketAs("http://host:9000", "blocks"));
        assertFalse(definition.sameBucketAs("http://host:9001", "blocks"));
        assertFalse(definition.sameBucketAs(null, "blocks"), "AWS is another endpoint");
    }

    @Test
    void noCredentialInItsTextNorInTheAuditedChange() {
        S3Definition definition = S3Definition.of("http://h:1", "blocks", "", null, null, "AKIAEXAMPLEKEYID01",
                "super-secret-key");
        assertFalse(definition.toString().contains("super-secret-key"), definition.toString());
        assertFalse(definition.toString().contains("AKIAEXAMPLEKEYID01"), definition.toString());
        StoreChange change = new StoreChange("s", "s3", null, "http://h:1", "blocks", null, null, null,
                "AKIAEXAMPLEKEYID01", "super-secret-key");
        assertEquals("kind=s3 endpoint=http://h:1 bucket=blocks credentials=given", change.describe());
        assertFalse(change.toString().contains("super-secret-key"), change.toString());
        assertFalse(change.toString().contains("AKIAEXAMPLEKEYID01"), change.toString());
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable definition) {
        StoreException refused = assertThrows(StoreException.class, definition);
        assertEquals(field, refused.field(), refused.getMessage());
        assertEquals(StoreException.Kind.INVALID, refused.kind());
    }
}
