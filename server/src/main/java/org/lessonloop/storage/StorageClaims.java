package org.lessonloop.storage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What rows say about object storage, read at one moment: the keys they point at, the key
 * prefixes they own (a recording's processed media), the multipart uploads they are still filling,
 * and the keys that must exist (each with the row that needs it). Each feature reads its own;
 * {@link StorageConsistency} weighs them against the bucket.
 */
public record StorageClaims(Set<String> keys, Set<String> prefixes, Set<String> multipartUploads, Map<String, String> required) {

    public static Builder builder() {
        return new Builder();
    }

    static StorageClaims merge(List<StorageClaims> all) {
        Builder merged = builder();
        for (StorageClaims claims : all) {
            merged.keys.addAll(claims.keys);
            merged.prefixes.addAll(claims.prefixes);
            merged.multipartUploads.addAll(claims.multipartUploads);
            merged.required.putAll(claims.required);
        }
        return merged.build();
    }

    /** The key itself, or one of the folders it lies in ("a/", "a/b/" for "a/b/c"), is claimed. */
    boolean claims(String key) {
        if (keys.contains(key)) {
            return true;
        }
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
            if (prefixes.contains(key.substring(0, slash + 1))) {
                return true;
            }
        }
        return false;
    }

    public static final class Builder {
        private final Set<String> keys = new HashSet<>();
        private final Set<String> prefixes = new HashSet<>();
        private final Set<String> multipartUploads = new HashSet<>();
        private final Map<String, String> required = new HashMap<>();

        public Builder key(String key) {
            keys.add(key);
            return this;
        }

        /** Everything under a prefix ending in "/" belongs to a row. */
        public Builder prefix(String prefix) {
            if (!prefix.endsWith("/")) {
                throw new IllegalArgumentException("A claimed prefix ends with '/': " + prefix);
            }
            prefixes.add(prefix);
            return this;
        }

        public Builder multipartUpload(String uploadId) {
            multipartUploads.add(uploadId);
            return this;
        }

        /** The object must exist; {@code neededBy} names the row for the report ("recording 3f… source"). */
        public Builder required(String key, String neededBy) {
            keys.add(key);
            required.put(key, neededBy);
            return this;
        }

        public StorageClaims build() {
            return new StorageClaims(Set.copyOf(keys), Set.copyOf(prefixes), Set.copyOf(multipartUploads), Map.copyOf(required));
        }
    }
}
