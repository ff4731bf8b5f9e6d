package io.cistern.batch.it;

import io.cistern.core.content.PayloadService;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.CreateMode;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.fs.Stability;
import io.cistern.core.metadata.MetadataService;
import io.cistern.core.payload.BlockUploader;
import io.cistern.core.shares.ShareService;
import io.cistern.core.shares.ShareSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Test-only: a share of its own and files in its top directory, written through the real payload path and waited for
 * until uploaded. For the statistics and schedule tests, whose figures must be about their own files.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ShareFiles {
    private static final Caller ROOT = new Caller(0, 0, Set.of());
    private static final int MIB = 1 << 20;

    @EJB
    private ShareService shares;
    @EJB
    private MetadataService metadata;
    @EJB
    private PayloadService payload;
    @EJB
    private BlockUploader uploader;

    /** Creates the share (default options). */
    public void createShare(String name) {
        shares.create(name, new ShareSettings(null, null, null, null, null, null));
    }

    /** Writes a file in the share's top directory, in 1 MiB writes, and commits it. */
    public void write(String share, String name, byte[] data) {
        FileHandle top = metadata.root(share);
        FileHandle file = metadata.create(ROOT, top, name.getBytes(StandardCharsets.UTF_8), 0644, CreateMode.GUARDED, 0)
                .node().handle();
        for (int offset = 0; offset < data.length; offset += MIB) {
            int length = Math.min(MIB, data.length - offset);
            payload.write(ROOT, file, offset, ByteBuffer.wrap(data, offset, length), Stability.UNSTABLE);
        }
        payload.commit(ROOT, file);
    }

    /** Waits until the journal holds nothing left to upload; false when {@code limit} passed first. */
    public boolean awaitUploaded(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (uploader.hasUnuploadedWrites()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
