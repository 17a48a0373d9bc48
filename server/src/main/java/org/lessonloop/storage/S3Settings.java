package org.lessonloop.storage;

import java.net.URI;
import java.util.Objects;

/** Where the object store is and how to sign requests to it. */
public record S3Settings(URI endpoint, String accessKey, String secretKey, String region, String bucket) {

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
    }

    /** Settings end up in logs and error messages; the secret must not. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", accessKey=" + accessKey
                + ", secretKey=***, region=" + region + ", bucket=" + bucket + "]";
    }
}
