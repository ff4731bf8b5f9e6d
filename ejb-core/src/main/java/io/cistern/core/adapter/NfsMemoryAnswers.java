package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.Caller;
import io.cistern.core.fs.DirectoryPage;
import io.cistern.core.fs.FileHandle;
import io.cistern.core.activity.TransferActivity;
import io.cistern.core.activity.TransferRecorder;
import io.cistern.core.metadata.MemoryMetadata;
import io.cistern.core.metrics.ProtocolMetrics;
import io.cistern.core.payload.BlockView;
import io.cistern.core.payload.MemoryReads;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsDirectoryReply;
import io.cistern.nfs.spi.NfsLookupReply;
import io.cistern.nfs.spi.NfsReadReply;
import io.cistern.nfs.spi.NfsStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * GETATTR, LOOKUP, ACCESS, READ and READDIR(PLUS) as {@link NfsAttributeOperations}, {@link NfsNames},
 * {@link NfsContents} and {@link NfsDirectoryListing} answer them, from {@link MemoryMetadata} and {@link MemoryReads} alone: the adapter asks on its I/O threads, and a null sends the call to a worker that
 * answers it the usual way. Only successes are answered here; every refusal, with its status and the attributes
 * it may carry, stays with the worker's path, so that there is one place that decides each.
 */
final class NfsMemoryAnswers {
    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    /**
     * The most entries a listing page answered here may ask for: the I/O thread serves every connection on it, and a
     * client that asks for thousands of entries a call saves little by skipping the hand-off to a worker.
     */
    static final int MAX_ENTRIES_IN_MEMORY = 256;

    private final MemoryMetadata memory;
    private final MemoryReads reads;
    private final NfsCallers callers;
    private final TransferRecorder activity;

    NfsMemoryAnswers(MemoryMetadata memory, MemoryReads reads, NfsCallers callers, TransferRecorder activity) {
        this.memory = memory;
        this.reads = reads;
        this.callers = callers;
        this.activity = activity;
    }

    NfsAttrReply getattr(NfsCaller who, byte[] handle) {
        FileHandle target = callers.decode(handle);
        if (caller(who, target) == null) {
            return null;
        }
        Attributes attributes = memory.getattr(target);
        return attributes == null ? null : new NfsAttrReply(NfsStatus.OK, NfsTranslation.attributes(attributes));
    }

    NfsLookupReply lookup(NfsCaller who, byte[] directory, byte[] name) {
        if (Arrays.equals(name, DOT) || Arrays.equals(name, DOT_DOT)) {
            return null;   // resolved by NfsNames, ".." from the database
        }
        FileHandle dir = callers.decode(directory);
        Caller caller = caller(who, dir);
        Attributes found = caller == null ? null : memory.lookup(caller, dir, name);
        if (found == null) {
            return null;
        }
        Attributes dirAfter = memory.getattr(dir);
        NfsAttributes dirAttributes = dirAfter == null ? null : NfsTranslation.attributes(dirAfter);
        return new NfsLookupReply(NfsStatus.OK, callers.encode(found.handle()), NfsTranslation.attributes(found),
                dirAttributes);
    }

    /**
     * As {@link NfsDirectoryListing#list}, for a page past "." and ".." of a directory whose listing is kept: a client
     * pages through a large directory a few dozen entries a call, and all but the first page are answered here.
     */
    NfsDirectoryReply readdir(NfsCaller who, byte[] directory, long cookie, long cookieVerifier, int maxEntries,
                              boolean plus) {
        if (NfsDirectoryListing.dotEntriesAfter(cookie) > 0 || !NfsDirectoryListing.isKnownCookie(cookie,
                cookieVerifier) || maxEntries < 1 || maxEntries > MAX_ENTRIES_IN_MEMORY) {
            return null;   // ".." from the database; BAD_COOKIE from the worker's path; large pages below
        }
        FileHandle dir = callers.decode(directory);
        Caller caller = caller(who, dir);
        DirectoryPage page = caller == null ? null
                : memory.readdir(caller, dir, NfsDirectoryListing.direntCookieAfter(cookie), maxEntries);
        return page == null ? null : NfsDirectoryListing.reply(callers, page, new ArrayList<>(page.items().size()),
                true, plus);
    }

    NfsAccessReply access(NfsCaller who, byte[] handle, int wanted) {
        FileHandle target = callers.decode(handle);
        Caller caller = caller(who, target);
        Attributes object = caller == null ? null : memory.getattr(target);
        return object == null ? null
                : NfsAccessBits.reply(object, wanted, posixWanted -> memory.access(caller, target, posixWanted));
    }

    /** As {@link NfsContents#read}: the bytes a view of the cached block, released once the reply is sent. */
    NfsReadReply read(NfsCaller who, byte[] handle, long offset, int count) {
        FileHandle target = callers.decode(handle);
        Caller caller = caller(who, target);
        Attributes file = caller == null ? null : memory.readable(caller, target);
        BlockView data = file == null ? null
                : reads.readHeld(target.inodeId(), offset, NfsContents.readCount(count), file.size());
        if (data == null) {
            return null;
        }
        try {
            activity.record(ProtocolMetrics.NFS, who.client(), target, TransferActivity.READ, data.length(), file.size());
            return new NfsReadReply(NfsStatus.OK, NfsTranslation.attributes(file), data.bytes(),
                    offset + data.length() >= file.size(), data::release);
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
    }

    /** As {@link NfsCallers#resolve}; null where that would refuse or need the database. */
    private Caller caller(NfsCaller who, FileHandle handle) {
        InetAddress client = who.client() == null ? null : who.client().getAddress();
        return client == null ? null : memory.nfsCaller(handle, who.uid(), who.gid(), who.groups(), client);
    }
}
