package io.cistern.core.fs;

import java.util.List;

/**
 * A run of directory entries in cookie order.
 *
 * @param directory the directory's attributes
 * @param items     the entries after the requested cookie
 * @param verifier  changes whenever the directory changes (NFS cookieverf)
 * @param end       whether the listing is complete
 */
public record DirectoryPage(Attributes directory, List<DirectoryItem> items, long verifier, boolean end) {
    public DirectoryPage {
        items = List.copyOf(items);
    }
}
