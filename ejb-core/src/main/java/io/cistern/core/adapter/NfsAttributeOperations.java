package io.cistern.core.adapter;

import io.cistern.core.fs.Attributes;
import io.cistern.core.fs.FsException;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsAccessReply;
import io.cistern.nfs.spi.NfsAttrReply;
import io.cistern.nfs.spi.NfsCaller;
import io.cistern.nfs.spi.NfsReadlinkReply;
import io.cistern.nfs.spi.NfsSetAttributes;
import io.cistern.nfs.spi.NfsStatus;
import io.cistern.nfs.spi.NfsWccReply;

/**
 * GETATTR, SETATTR, ACCESS and READLINK: the procedures about one object. The reads are answered from the
 * attribute cache, which is why they run outside any transaction.
 */
final class NfsAttributeOperations {
    private final MetadataService metadata;
    private final NfsCallers callers;

    NfsAttributeOperations(MetadataService metadata, NfsCallers callers) {
        this.metadata = metadata;
        this.callers = callers;
    }

    NfsAttrReply getattr(NfsCaller who, byte[] handle) {
        NfsTarget target = callers.resolve(who, handle);
        return new NfsAttrReply(NfsStatus.OK, NfsTranslation.attributes(metadata.getattr(target.handle())));
    }

    /**
     * The attributes before come from the cache, outside the update's transaction: a change by someone else in
     * between would make the client keep a stale cache for one attribute timeout, the same window GETATTR has.
     */
    NfsWccReply setattr(NfsCaller who, byte[] handle, NfsSetAttributes changes, Long guardCtimeNanos) {
        NfsTarget target = callers.resolve(who, handle);
        try {
            Attributes before = metadata.getattr(target.handle());
            Attributes after = metadata.setattr(target.caller(), target.handle(),
                    NfsTranslation.attributeChanges(changes), guardCtimeNanos);
            return new NfsWccReply(NfsStatus.OK, NfsTranslation.wcc(before.wcc(), after));
        } catch (FsException e) {
            return new NfsWccReply(NfsTranslation.status(e.error()), PostOpAttributes.wcc(metadata, target.handle()));
        }
    }

    NfsAccessReply access(NfsCaller who, byte[] handle, int wanted) {
        NfsTarget target = callers.resolve(who, handle);
        return NfsAccessBits.reply(metadata.getattr(target.handle()), wanted,
                posixWanted -> metadata.access(target.caller(), target.handle(), posixWanted));
    }

    NfsReadlinkReply readlink(NfsCaller who, byte[] handle) {
        NfsTarget target = callers.resolve(who, handle);
        try {
            byte[] link = metadata.readlink(target.handle());
            return new NfsReadlinkReply(NfsStatus.OK, PostOpAttributes.of(metadata, target.handle()), link);
        } catch (FsException e) {
            return new NfsReadlinkReply(NfsTranslation.status(e.error()),
                    PostOpAttributes.of(metadata, target.handle()), null);
        }
    }
}
