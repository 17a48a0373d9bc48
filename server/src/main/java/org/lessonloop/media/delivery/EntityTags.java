package org.lessonloop.media.delivery;

import java.util.Arrays;

/** Strong entity tags from object storage, and the conditional headers that compare them (RFC 9110 §8.8.3, §13.1). */
final class EntityTags {
    private EntityTags() {
    }

    /** The object store's ETag as an HTTP strong entity tag (the SDK may hand it over with or without quotes). */
    static String of(String storeEtag) {
        return "\"" + storeEtag.replace("\"", "") + "\"";
    }

    /** If-None-Match: "*" or any listed tag, compared weakly (a W/ prefix is ignored), as §13.1.2 says. */
    static boolean noneMatchFails(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .anyMatch(tag -> tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag));
    }

    /** If-Range: the Range header counts only while the client's copy is still this one (strong comparison, §13.1.5). */
    static boolean rangeStillValid(String ifRange, String etag) {
        return ifRange == null || ifRange.strip().equals(etag);
    }
}
