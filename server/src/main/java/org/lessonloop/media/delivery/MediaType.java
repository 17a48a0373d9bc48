package org.lessonloop.media.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of processed file a recording has, by extension. Manifests (HLS playlists, the
 * thumbnail WebVTT) point at other files by relative URL, so they are always answered by the
 * server itself: each fetch is access-checked, and relative URLs keep resolving against our path.
 */
public enum MediaType {
    M3U8("m3u8", "application/vnd.apple.mpegurl", true),
    VTT("vtt", "text/vtt; charset=utf-8", true),
    M4S("m4s", "video/iso.segment", false),
    MP4("mp4", "video/mp4", false),
    TS("ts", "video/mp2t", false),
    JPG("jpg", "image/jpeg", false),
    WEBP("webp", "image/webp", false),
    PNG("png", "image/png", false),
    JSON("json", "application/json", false);

    private final String extension;
    private final String contentType;
    private final boolean manifest;

    MediaType(String extension, String contentType, boolean manifest) {
        this.extension = extension;
        this.contentType = contentType;
        this.manifest = manifest;
    }

    public static Optional<MediaType> ofFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.extension.equals(extension)).findFirst();
    }

    public String contentType() {
        return contentType;
    }

    public boolean isManifest() {
        return manifest;
    }

    /**
     * Always private: this is confidential classroom footage, never for a shared cache. Manifests
     * are revalidated on every use. Other files may be reused for an hour but are not
     * {@code immutable}: a retried processing job rewrites outputs under the same names.
     */
    public String cacheControl() {
        return manifest ? "private, no-cache" : "private, max-age=3600";
    }
}
