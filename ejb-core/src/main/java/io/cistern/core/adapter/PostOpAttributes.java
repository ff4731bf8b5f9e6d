package io.cistern.core.adapter;

import io.cistern.core.fs.FileHandle;
import io.cistern.core.metadata.MetadataService;
import io.cistern.nfs.spi.NfsAttributes;
import io.cistern.nfs.spi.NfsWcc;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * post_op_attr (RFC 1813 section 2.6): attributes a reply carries when they are cheap to know, chiefly error
 * replies. A client that gets a directory's attributes with an error (a LOOKUP that found nothing, a REMOVE
 * refused) can keep its cache of the directory instead of asking again. Only asked after the caller was allowed
 * on the handle's share, so that a refused client learns nothing; and never fatal to the reply, which already
 * has its status.
 */
final class PostOpAttributes {
    private static final Logger LOG = Logger.getLogger(PostOpAttributes.class.getName());

    private PostOpAttributes() {
    }

    /** The object's attributes (GETATTR is served from the attribute cache), or null. */
    static NfsAttributes of(MetadataService metadata, FileHandle handle) {
        try {
            return NfsTranslation.attributes(metadata.getattr(handle));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "no attributes for the reply", e);
            return null;
        }
    }

    /** wcc_data with only the after part: what the object is now is known, what it was is not. */
    static NfsWcc wcc(MetadataService metadata, FileHandle handle) {
        NfsAttributes after = of(metadata, handle);
        return after == null ? NfsWcc.NONE : new NfsWcc(null, after);
    }
}
