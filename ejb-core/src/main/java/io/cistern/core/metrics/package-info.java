/**
 * What Cistern counts about its clients for {@code /metrics}: requests per protocol and operation (count,
 * latency, failures by status), bytes read and written, open connections and failed logons. The adapters report
 * connections and logons as snapshots of their own counters, so a report lost on a full work queue is made good by
 * the next one instead of leaving a count wrong for good.
 */
package io.cistern.core.metrics;
