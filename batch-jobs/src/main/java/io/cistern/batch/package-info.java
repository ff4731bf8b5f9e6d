/**
 * Jakarta Batch jobs and the timers that schedule them. The batch runtime keeps its job repository in
 * Cistern's own PostgreSQL pool (set-batch-runtime-configuration in domain-config). The jobs themselves
 * (upload, audit, garbage collection, statistics) arrive with the payload and maintenance work.
 */
package io.cistern.batch;
