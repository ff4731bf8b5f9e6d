package io.cistern.core.blocks;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3Client an {@link S3BlockStore} uses: the wire choices live here, each with its reason. */
final class S3Clients {
    /** First retry waits up to this (times the jitter); the SDK's own standard base. */
    static final Duration RETRY_BASE_DELAY = Duration.ofMillis(100);
    /** Throttling (503 SlowDown) backs off from a longer base, as the SDK does by default. */
    static final Duration THROTTLING_BASE_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(20);
    /** A TCP connect that takes longer than this is a dead endpoint, whatever the call's overall timeout. */
    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private S3Clients() {
    }

    static S3Client create(S3StoreConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(credentials(config))
                .httpClientBuilder(httpClient(config))
                // The store sends its own checksum: a block's address is the SHA-256 of its bytes, so the
                // put carries it precomputed as x-amz-checksum-sha256 and the server verifies the upload
                // against it. The SDK's default (a CRC32 trailer in aws-chunked encoding) would hash every
                // block a second time and is not understood by every S3-compatible server. Reads are
                // verified against the address by VerifyingBlockStore, so the SDK need not check them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(config.timeout())
                        .apiCallAttemptTimeout(attemptTimeout(config))
                        .retryStrategy(retryStrategy(config)));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    /**
     * Each attempt gets an equal share of the call's timeout. A hung connection (the server accepted it but
     * never answers) is then abandoned in time for the retries, which use new connections, to run within the
     * call's timeout; with one attempt taking the whole timeout there would be nothing left to retry with.
     */
    static Duration attemptTimeout(S3StoreConfig config) {
        return config.timeout().dividedBy(config.maxAttempts());
    }

    /**
     * Apache HttpClient 5 through the SDK's apache5-client: the sync transport the design names. Connect
     * and socket (read) timeouts are those of one attempt.
     */
    private static Apache5HttpClient.Builder httpClient(S3StoreConfig config) {
        Duration attempt = attemptTimeout(config);
        return Apache5HttpClient.builder()
                .connectionTimeout(attempt.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attempt : MAX_CONNECT_TIMEOUT)
                .socketTimeout(attempt);
    }

    /**
     * The SDK's standard strategy (it retries 5xx, throttling, timeouts and I/O errors, and not 4xx) with
     * the configured number of attempts and full jitter: each wait is uniformly random between zero and
     * the exponential bound, so that many clients failing together do not retry together.
     */
    private static RetryStrategy retryStrategy(S3StoreConfig config) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(RETRY_BASE_DELAY, MAX_RETRY_DELAY))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLING_BASE_DELAY, MAX_RETRY_DELAY))
                .build();
    }

    private static AwsCredentialsProvider credentials(S3StoreConfig config) {
        if (config.accessKey() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    }
}
