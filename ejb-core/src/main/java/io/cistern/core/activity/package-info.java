/**
 * What clients are doing right now, for the console's live view: file transfers in flight per client, share and
 * protocol. Kept in memory only, counted by the adapters' READ and WRITE paths at the cost of one map lookup each.
 */
package io.cistern.core.activity;
