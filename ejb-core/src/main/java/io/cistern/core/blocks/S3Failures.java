package io.cistern.core.blocks;

import io.cistern.core.blocks.BlockStoreException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws (after its retries) into the kinds a caller acts on. Messages are built
 * here from the status, S3's error code and our own words; the SDK's message text is used only for client
 * side errors, and no message carries a credential.
 */
final class S3Failures {
    /** Codes with which S3 rejects a body that does not match the checksum sent with it. */
    private static final Set<String> CHECKSUM_MISMATCH = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch");
    /** 4xx codes that are transient nonetheless. */
    private static final Set<String> TRANSIENT_CODES = Set.of("RequestTimeout", "SlowDown", "Throttling", "ThrottlingException");

    private final String where;
    private final Duration timeout;

    S3Failures(String where, Duration timeout) {
        this.where = where;
        this.timeout = timeout;
    }

    BlockStoreException translate(SdkException e, String action, BlockHash hash) {
        String what = hash == null ? where : "block " + hash + " in " + where;
        String failed = "cannot " + action + " " + what;
        if (e instanceof AwsServiceException service) {
            return fromService(service, failed, what);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new BlockStoreException(Kind.UNAVAILABLE,
                    failed + ": no answer within " + timeout + " (" + e.getClass().getSimpleName() + attempts(e) + ")", e);
        }
        Throwable io = ioCause(e);
        if (io != null) {
            return new BlockStoreException(Kind.UNAVAILABLE,
                    failed + ": store unreachable" + attempts(e) + " (" + io + ")", e);
        }
        return new BlockStoreException(Kind.IO, failed + ": " + e.getMessage(), e);
    }

    private BlockStoreException fromService(AwsServiceException e, String failed, String what) {
        int status = e.statusCode();
        String code = errorCode(e);
        String answer = " (HTTP " + status + (code == null ? "" : " " + code) + attempts(e) + ")";
        if (status == 404 && "NoSuchBucket".equals(code)) {
            return new BlockStoreException(Kind.IO, failed + ": the bucket does not exist" + answer, e);
        }
        if (status == 404) {
            return new BlockStoreException(Kind.NOT_FOUND, what + " not found" + answer, e);
        }
        if (status == 403) {
            // the SDK's text for SignatureDoesNotMatch is harmless, but say it in our words, with the code only
            return new BlockStoreException(Kind.IO, failed + ": access denied; check the access key, the secret"
                    + " key and the bucket's policy" + answer, e);
        }
        if (code != null && CHECKSUM_MISMATCH.contains(code)) {
            return new BlockStoreException(Kind.CORRUPT,
                    failed + ": the store rejected the content, it does not match its SHA-256" + answer, e);
        }
        if (status >= 500 || status == 429 || code != null && TRANSIENT_CODES.contains(code)) {
            return new BlockStoreException(Kind.UNAVAILABLE, failed + ": store unavailable" + answer, e);
        }
        return new BlockStoreException(Kind.IO, failed + answer, e);
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String attempts(SdkException e) {
        Integer attempts = e.numAttempts();
        return attempts == null ? "" : " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    /** Refused or reset connections, unknown hosts, read timeouts: the SDK wraps them in SdkClientException. */
    private static Throwable ioCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return cause;
            }
        }
        return null;
    }
}
