package io.cistern.core.service;

import io.cistern.core.shares.ShareGrant;
import java.util.List;

/**
 * A share as the share list cache keeps it: for every account alike, with the permission rows that decide per account
 * whether and how it is listed.
 *
 * @param share  the share as its configuration alone makes it
 * @param grants its permission rows; empty: open to every authenticated account
 */
record ListedShare(ShareSummary share, List<ShareGrant> grants) {
}
