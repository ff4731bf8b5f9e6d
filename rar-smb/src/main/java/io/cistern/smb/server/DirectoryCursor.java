package io.cistern.smb.server;

/** Placeholder until QUERY_DIRECTORY exists. */
final class DirectoryCursor {
}
