package io.cistern.web.stores;

import io.cistern.core.stats.StoreFigures;
import java.util.List;

/**
 * A block store with what uses it: its definition (never its credentials: at most whether they are set and the access
 * key id masked), the shares that keep their blocks in it, and its figures as the statistics job last computed them
 * (null before the job has run on it).
 */
public record StoreView(String name, String kind, boolean readOnly, String directory, String endpoint, String bucket,
                        String prefix, String region, Boolean pathStyle, String credentials, String accessKey,
                        List<String> shares, StoreFigures statistics) {

    static StoreView of(io.cistern.core.stores.StoreView store, StoreFigures statistics) {
        return new StoreView(store.name(), store.kind(), store.readOnly(), store.directory(), store.endpoint(),
                store.bucket(), store.prefix(), store.region(), store.pathStyle(), store.credentials(),
                store.accessKey(), store.shares(), statistics);
    }
}
