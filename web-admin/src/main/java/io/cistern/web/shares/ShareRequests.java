package io.cistern.web.shares;

import io.cistern.core.shares.ShareSettings;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies the shares endpoints read. */
public final class ShareRequests {
    private ShareRequests() {
    }

    /** Options of a share; an omitted one keeps its value (on a new share: its default). */
    @Schema(name = "ShareChange")
    public static class Change {
        @Schema(description = "nothing in the share may be written, over NFS or SMB (default false)")
        public Boolean readOnly;
        @Schema(description = "NFS root_squash (default true)")
        public Boolean rootSquash;
        @Schema(description = "NFS all_squash (default false)")
        public Boolean allSquash;
        @Schema(description = "NFS anonymous uid (default 65534)")
        public Integer anonUid;
        @Schema(description = "NFS anonymous gid (default 65534)")
        public Integer anonGid;
        @Schema(description = "NFS clients allowed, as CIDR blocks or addresses; empty: every client (default)")
        public List<String> allowedNetworks;
        @Schema(description = "SMB: every request on the share must come encrypted (SMB 3.x); clients that cannot"
                + " encrypt are refused at tree connect (default false)")
        public Boolean smbEncryptionRequired;
        @Schema(description = "SMB: guest and anonymous sessions may connect, acting as anonUid/anonGid"
                + " (default false)")
        public Boolean smbGuestAllowed;
        @Schema(description = "SMB: every request on the share must come signed (or encrypted); a request that is"
                + " neither is refused with STATUS_ACCESS_DENIED, and guest and anonymous sessions, which cannot sign,"
                + " are refused at tree connect (default false)")
        public Boolean smbSigningRequired;
        @Schema(description = "the block store keeping the share's blocks, by name (default: default, the store the"
                + " environment configures); it may change only while the share holds no file (409 not_empty)")
        public String store;

        ShareSettings settings() {
            return new ShareSettings(readOnly, rootSquash, allSquash, anonUid, anonGid, allowedNetworks,
                    smbEncryptionRequired, smbGuestAllowed, smbSigningRequired, store);
        }
    }

    /** A new share. */
    @Schema(name = "NewShare")
    public static class NewShare extends Change {
        @Schema(required = true, maxLength = 80, description = "no control characters nor any of \\\\ / : * ? \" < > |;"
                + " not IPC$; unique ignoring case")
        public String name;
    }

    /** A change of a share: its options, and a new name if one is given. */
    @Schema(name = "ShareUpdate")
    public static class Update extends Change {
        @Schema(maxLength = 80, description = "a new name, under a new share's rules (see NewShare); omitted: the"
                + " name stays. The share keeps its files, options and permissions; NFS file handles stay valid; new"
                + " NFS mounts and SMB tree connects use the new name")
        public String name;

        boolean isEmpty() {
            return name == null && settings().isEmpty();
        }
    }

    /** A share permission's level. */
    @Schema(name = "SharePermissionLevel")
    public static class Level {
        @Schema(required = true, enumeration = {"none", "read", "read-write", "admin"})
        public String level;
    }
}
