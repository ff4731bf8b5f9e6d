package io.cistern.batch.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Test-only: another tool's interrupted multipart upload in Cistern's bucket, made with the AWS SDK against the S3
 * endpoint the server under test uses (its CISTERN_S3_* environment), one part uploaded and never completed.
 */
final class StaleMultipartUploads implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    StaleMultipartUploads() {
        this.bucket = System.getenv("CISTERN_S3_BUCKET");
        String configuredPrefix = System.getenv("CISTERN_S3_PREFIX");
        this.prefix = configuredPrefix == null ? "" : configuredPrefix;
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(System.getenv("CISTERN_S3_ENDPOINT")))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(System.getenv("CISTERN_S3_ACCESS_KEY"),
                                System.getenv("CISTERN_S3_SECRET_KEY"))))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** Begins an upload under the store's prefix with one part, and returns its id. */
    String begin(String name) {
        String key = prefix + name;
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[64 * 1024]));
        return uploadId;
    }

    /** Whether the bucket still lists the upload as in progress. */
    boolean isOpen(String uploadId) {
        return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads().stream()
                .anyMatch(upload -> upload.uploadId().equals(uploadId));
    }

    @Override
    public void close() {
        s3.close();
    }
}
