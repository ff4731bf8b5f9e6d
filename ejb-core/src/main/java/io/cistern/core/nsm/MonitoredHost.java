package io.cistern.core.nsm;

import java.util.Objects;

/**
 * A client host as the lock server knows it: the name it gives itself in its lock requests (NLM caller_name) and
 * the address they came from, as text.
 */
public record MonitoredHost(String name, String address) {

    public MonitoredHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return name + " at " + address;
    }
}
