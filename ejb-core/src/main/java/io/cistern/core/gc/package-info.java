/**
 * Garbage collection of the block store: blocks nobody has referenced for a grace period, and stored objects no row
 * knows. {@link io.cistern.core.gc.BlockCollector} says why deleting them is safe against concurrent writers.
 */
package io.cistern.core.gc;
