package io.cistern.core.blocks;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks, before a store is defined on it, that a bucket is there and that the credentials may read it: a
 * ListObjectsV2 of one key under the prefix, through the same client an {@link S3BlockStore} uses ({@link S3Clients}),
 * which is what the store's audit and garbage collection will do first. The answer names what is wrong in words an
 * administrator can act on, with the S3 error code, never a credential.
 */
public final class S3BucketCheck {
    /** What stands between the server and the bucket. */
    public enum Problem {
        /** No connection, no answer in time, or not an S3 answer: the endpoint (or region) is wrong or down. */
        UNREACHABLE,
        /** The endpoint answers that the bucket does not exist. */
        NO_SUCH_BUCKET,
        /** The endpoint does not know the access key id. */
        UNKNOWN_ACCESS_KEY,
        /** The signature does not match: the secret key is wrong for that key id. */
        WRONG_SECRET_KEY,
        /** Authenticated, but not allowed to list the bucket. */
        ACCESS_DENIED,
        /** Anything else the endpoint refused. */
        REFUSED
    }

    /** Why the bucket cannot be used; {@link #getMessage()} says it with the HTTP status and S3's code. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Failure(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private S3BucketCheck() {
    }

    /** Lists one key of the bucket under the prefix with {@code config}'s client, closed after. */
    public static void check(S3StoreConfig config) {
        try (S3Client s3 = S3Clients.create(config)) {
            s3.listObjectsV2(b -> b.bucket(config.bucket()).prefix(config.prefix()).maxKeys(1));
        } catch (SdkException e) {
            throw failure(e, config);
        }
    }

    static Failure failure(SdkException e, S3StoreConfig config) {
        String where = config.location() + " on " + (config.endpoint() == null ? "AWS " + config.region()
                : config.endpoint().getHost() + ":" + config.endpoint().getPort());
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = S3Failures.errorCode(service);
            String answer = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
            if ("NoSuchBucket".equals(code)) {
                return new Failure(Problem.NO_SUCH_BUCKET, "the bucket " + config.bucket() + " does not exist at "
                        + where + answer);
            }
            if ("InvalidAccessKeyId".equals(code)) {
                return new Failure(Problem.UNKNOWN_ACCESS_KEY, "the endpoint does not know the access key id" + answer);
            }
            if ("SignatureDoesNotMatch".equals(code)) {
                return new Failure(Problem.WRONG_SECRET_KEY, "the secret key does not match the access key id"
                        + answer);
            }
            if (status == 403) {
                return new Failure(Problem.ACCESS_DENIED, "access to " + where + " denied: check the credentials"
                        + " and the bucket's policy" + answer);
            }
            if (status == 404) {
                return new Failure(Problem.NO_SUCH_BUCKET, "no bucket " + config.bucket() + " at " + where + answer);
            }
            return new Failure(Problem.REFUSED, "the endpoint refused listing " + where + answer);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new Failure(Problem.UNREACHABLE, "no answer from " + where + " within " + config.timeout());
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return new Failure(Problem.UNREACHABLE, "cannot reach " + where + ": " + io.getClass().getSimpleName());
            }
        }
        return new Failure(Problem.UNREACHABLE, "cannot reach " + where + ": " + e.getClass().getSimpleName());
    }
}
