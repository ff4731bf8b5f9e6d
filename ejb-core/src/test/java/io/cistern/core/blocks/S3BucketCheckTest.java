package io.cistern.core.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The check made before a store is defined on a bucket, against a real S3Proxy: each problem told apart. */
class S3BucketCheckTest {
    @RegisterExtension
    static final S3ProxyExtension S3PROXY = new S3ProxyExtension();
    private static final String BUCKET = "check-bucket";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @BeforeAll
    static void createBucket() {
        try (S3Client raw = S3PROXY.rawClient()) {
            raw.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Test
    void anExistingBucketWithTheRightCredentialsPasses() {
        S3BucketCheck.check(S3PROXY.config(BUCKET, "some/prefix/", TIMEOUT, 2));
    }

    @Test
    void aMissingBucketIsToldApart() {
        assertProblem(S3BucketCheck.Problem.NO_SUCH_BUCKET, S3PROXY.config("no-such-bucket", "", TIMEOUT, 2));
    }

    @Test
    void aWrongSecretKeyIsToldApartAndNotShown() {
        String wrong = "wrong-secret-key-123456";
        S3BucketCheck.Failure failure = assertProblem(S3BucketCheck.Problem.WRONG_SECRET_KEY,
                S3PROXY.config(BUCKET, "", TIMEOUT, 2).withCredentials(S3ProxyExtension.IDENTITY, wrong));
        assertFalse(failure.getMessage().contains(wrong), failure.getMessage());
        assertFalse(failure.getMessage().contains(S3ProxyExtension.IDENTITY), failure.getMessage());
    }

    @Test
    void anUnknownAccessKeyIsToldApart() {
        assertProblem(S3BucketCheck.Problem.UNKNOWN_ACCESS_KEY,
                S3PROXY.config(BUCKET, "", TIMEOUT, 2).withCredentials("nobody-knows-me", "whatever-secret"));
    }

    @Test
    void anEndpointWhereNothingListensIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        S3StoreConfig config = S3PROXY.config(BUCKET, "", TIMEOUT, 2);
        S3StoreConfig nowhere = new S3StoreConfig(URI.create("http://127.0.0.1:" + closed), config.region(),
                BUCKET, "", true, config.accessKey(), config.secretKey(), TIMEOUT, 2);
        assertProblem(S3BucketCheck.Problem.UNREACHABLE, nowhere);
    }

    private static S3BucketCheck.Failure assertProblem(S3BucketCheck.Problem expected, S3StoreConfig config) {
        S3BucketCheck.Failure failure = assertThrows(S3BucketCheck.Failure.class, () -> S3BucketCheck.check(config));
        assertEquals(expected, failure.problem(), failure.getMessage());
        assertFalse(failure.getMessage().contains(S3ProxyExtension.CREDENTIAL), failure.getMessage());
        return failure;
    }
}
