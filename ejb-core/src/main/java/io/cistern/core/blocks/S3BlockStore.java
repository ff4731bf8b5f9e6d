package io.cistern.core.blocks;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blocks as objects in an S3 bucket, under {@code prefix + "ab/cd/<64 hex>"}, through the AWS SDK v2's
 * sync client (see {@link S3Clients} for the transport, retries and timeouts).
 *
 * <p>Puts are conditional ({@code If-None-Match: *}): S3 itself decides whether the block exists, in the same
 * request, so an existing block is never rewritten and a put costs one round trip. An endpoint that does
 * not support conditional writes is detected on its first refusal and from then on gets HEAD, then PUT.
 * Each put carries the block's SHA-256 as {@code x-amz-checksum-sha256}, which the server checks against
 * the bytes it received.
 */
public final class S3BlockStore implements BlockStore {
    private static final Logger LOG = Logger.getLogger(S3BlockStore.class.getName());
    /** S3 answers 409 when another conditional write of the same key is in flight; the retry then sees 412. */
    private static final int CONFLICT_RETRIES = 2;

    private final S3StoreConfig config;
    private final S3Client s3;
    private final S3Failures failures;
    private volatile boolean conditionalPutUnsupported;

    public S3BlockStore(S3StoreConfig config) {
        this(config, S3Clients.create(config));
    }

    S3BlockStore(S3StoreConfig config, S3Client s3) {
        this.config = config;
        this.s3 = s3;
        this.failures = new S3Failures(describe(), config.timeout());
    }

    /** The object key of a block. */
    String keyOf(BlockHash hash) {
        return config.prefix() + hash.shardedPath();
    }

    /** True once the endpoint has refused a conditional put: puts then check with HEAD first. */
    boolean usesHeadBeforePut() {
        return conditionalPutUnsupported;
    }

    @Override
    public void put(BlockHash hash, ByteBuffer data) {
        Blocks.checkBlockSize(data);
        // One copy of the block: the SDK needs a body it can read again for each retry.
        RequestBody body = RequestBody.fromRemainingByteBuffer(data.duplicate());
        try {
            if (!conditionalPutUnsupported && putIfAbsent(hash, body)) {
                return;
            }
            if (!exists(hash)) {
                // Two puts racing here both write the same bytes under the same key: harmless.
                s3.putObject(putRequest(hash, body, false), body);
            }
        } catch (SdkException e) {
            throw failures.translate(e, "write", hash);
        }
    }

    /**
     * The conditional put. True when the block is stored (now, or already: 412); false when the endpoint
     * does not implement conditional writes, which is then remembered.
     */
    private boolean putIfAbsent(BlockHash hash, RequestBody body) {
        for (int conflicts = 0; ; conflicts++) {
            try {
                s3.putObject(putRequest(hash, body, true), body);
                return true;
            } catch (S3Exception e) {
                String code = S3Failures.errorCode(e);
                if (e.statusCode() == 412) {
                    return true; // PreconditionFailed: the block is there already
                }
                if (e.statusCode() == 409 && conflicts < CONFLICT_RETRIES) {
                    continue; // ConditionalRequestConflict
                }
                if (e.statusCode() != 501 && !"NotImplemented".equals(code)) {
                    throw e;
                }
                conditionalPutUnsupported = true;
                LOG.log(Level.INFO, "{0} does not support conditional writes (HTTP {1} {2}): puts check with HEAD first",
                        new Object[] {describe(), e.statusCode(), code});
                return false;
            }
        }
    }

    private PutObjectRequest putRequest(BlockHash hash, RequestBody body, boolean conditional) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(keyOf(hash))
                .contentType("application/octet-stream")
                .contentLength(body.optionalContentLength().orElseThrow())
                .checksumSHA256(hash.base64());
        if (conditional) {
            request.ifNoneMatch("*");
        }
        return request.build();
    }

    @Override
    public byte[] get(BlockHash hash) {
        try {
            // the response bytes are ours alone: no need for the SDK's defensive copy
            return s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(keyOf(hash))).asByteArrayUnsafe();
        } catch (SdkException e) {
            throw failures.translate(e, "read", hash);
        }
    }

    @Override
    public byte[] get(BlockHash hash, long offset, int length) {
        Blocks.checkRange(offset, length);
        if (length == 0) {
            if (!exists(hash)) {
                throw new BlockStoreException(BlockStoreException.Kind.NOT_FOUND, "block " + hash + " not found in " + describe());
            }
            return new byte[0]; // an HTTP range cannot be empty
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1); // inclusive; S3 clips it at the end
        try {
            return s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(keyOf(hash)).range(range)).asByteArrayUnsafe();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return new byte[0]; // InvalidRange: the range starts at or past the end of the block
            }
            throw failures.translate(e, "read", hash);
        } catch (SdkException e) {
            throw failures.translate(e, "read", hash);
        }
    }

    @Override
    public boolean exists(BlockHash hash) {
        try {
            s3.headObject(b -> b.bucket(config.bucket()).key(keyOf(hash)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // a HEAD answer has no body, so there is no NoSuchKey code to look at
            }
            throw failures.translate(e, "look up", hash);
        } catch (SdkException e) {
            throw failures.translate(e, "look up", hash);
        }
    }

    @Override
    public void delete(BlockHash hash) {
        try {
            s3.deleteObject(b -> b.bucket(config.bucket()).key(keyOf(hash))); // absent keys delete fine in S3
        } catch (SdkException e) {
            throw failures.translate(e, "delete", hash);
        }
    }

    /**
     * ListObjectsV2 under the prefix, page by page as the stream is consumed (the SDK fetches the first
     * page at once); sizes come from the listing.
     */
    @Override
    public Stream<StoredBlock> list() {
        try {
            Stream<StoredBlock> blocks = s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(config.prefix()))
                    .contents().stream()
                    .flatMap(this::storedBlockOf);
            return Blocks.translatingFailures(blocks, this::listingFailure);
        } catch (SdkException e) {
            throw listingFailure(e);
        }
    }

    /**
     * ListObjectsV2 returns keys in ascending UTF-8 byte order, and a block's key is the prefix, then {@code ab/cd/},
     * then its hash, all lower-case hex taken from the hash itself: key order is hash order. {@code StartAfter} resumes
     * after a block's key.
     */
    @Override
    public Stream<StoredBlock> listInOrder(BlockHash after) {
        try {
            Stream<StoredBlock> blocks = s3.listObjectsV2Paginator(b -> {
                        b.bucket(config.bucket()).prefix(config.prefix());
                        if (after != null) {
                            b.startAfter(keyOf(after));
                        }
                    })
                    .contents().stream()
                    .flatMap(this::storedBlockOf);
            return Blocks.translatingFailures(blocks, this::listingFailure);
        } catch (SdkException e) {
            throw listingFailure(e);
        }
    }

    /** The block an object holds, when its key is exactly one this store writes; foreign keys are skipped. */
    private Stream<StoredBlock> storedBlockOf(S3Object object) {
        String key = object.key();
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (!BlockHash.isHex(name)) {
            return Stream.empty();
        }
        BlockHash hash = BlockHash.fromHex(name);
        if (!key.equals(keyOf(hash))) {
            return Stream.empty();
        }
        // S3 always lists LastModified; an endpoint that did not would make its objects look new, which only ever
        // delays garbage collection
        Instant modified = object.lastModified() == null ? Instant.now() : object.lastModified();
        return Stream.of(new StoredBlock(hash, object.size(), modified));
    }

    private BlockStoreException listingFailure(RuntimeException e) {
        if (e instanceof SdkException sdk) {
            return failures.translate(sdk, "list the blocks of", null);
        }
        return new BlockStoreException(BlockStoreException.Kind.IO, "cannot list the blocks of " + describe(), e);
    }

    /**
     * Aborts the multipart uploads under this store's prefix that were started more than {@code olderThan}
     * ago, and returns how many. Puts are single-part (4 MiB is far below S3's 5 GiB single-put limit), but
     * an interrupted multipart upload from any other tool keeps its parts, and costs, until aborted.
     */
    public int abortStaleMultipartUploads(Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                    b -> b.bucket(config.bucket()).prefix(config.prefix())).uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(cutoff) && abort(upload)) {
                    aborted++;
                }
            }
        } catch (SdkException e) {
            throw failures.translate(e, "abort the stale multipart uploads of", null);
        }
        return aborted;
    }

    private boolean abort(MultipartUpload upload) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(config.bucket()).key(upload.key()).uploadId(upload.uploadId()));
            return true;
        } catch (NoSuchUploadException e) {
            return false; // completed or aborted meanwhile
        }
    }

    @Override
    public String describe() {
        String on = config.endpoint() == null ? "AWS " + config.region() : withoutUserInfo(config.endpoint()).toString();
        return "S3 block store " + config.location() + " on " + on;
    }

    /** Credentials have no business in a URI, but if someone put them there, they stay out of messages. */
    private static URI withoutUserInfo(URI endpoint) {
        if (endpoint.getUserInfo() == null) {
            return endpoint;
        }
        try {
            return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), endpoint.getPath(), null, null);
        } catch (URISyntaxException e) {
            return URI.create(endpoint.getScheme() + "://" + endpoint.getHost());
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
