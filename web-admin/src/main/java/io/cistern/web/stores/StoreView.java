package io.cistern.web.stores;

import io.cistern.core.config.ConfiguredStore;
import io.cistern.core.stats.StoreFigures;
import java.util.List;

/**
 * The block store with what uses it: its settings (never its credentials), the shares that keep their blocks in it
 * (every share: the store is one per server), and its figures as the statistics job last computed them (null before
 * the job has run).
 */
public record StoreView(String kind, String directory, String endpoint, String bucket, String prefix, String region,
                        Boolean pathStyle, String credentials, String accessKey, List<String> shares,
                        StoreFigures statistics) {

    static StoreView of(ConfiguredStore store, List<String> shares, StoreFigures statistics) {
        return new StoreView(store.kind(), store.directory(), store.endpoint(), store.bucket(), store.prefix(),
                store.region(), store.pathStyle(), store.credentials(), store.accessKey(), shares, statistics);
    }
}
