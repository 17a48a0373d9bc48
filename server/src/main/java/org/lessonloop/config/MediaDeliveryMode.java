package org.lessonloop.config;

/**
 * How segments and images reach the player. PROXY streams every byte through the server, which
 * checks access on each request. REDIRECT checks access, then sends the player to a short-lived
 * presigned storage URL, taking the bytes off the server; the URL keeps working until it expires,
 * even if the share is revoked meanwhile. Playlists are always proxied.
 */
public enum MediaDeliveryMode {
    PROXY, REDIRECT
}
