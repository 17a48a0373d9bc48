package org.lessonloop.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy) inside this process, for runs with no S3 endpoint configured:
 * the application keeps the same SDK code path, over a real S3 protocol on loopback. Objects are
 * plain files under {@code <dataDir>/objects/<bucket>/<key>} and survive restarts.
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String BUCKET = "lessonloop";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Proxy proxy;
    private final S3Settings settings;

    private EmbeddedS3(S3Proxy proxy, S3Settings settings) {
        this.proxy = proxy;
        this.settings = settings;
    }

    /** Starts on a free loopback port. */
    public static EmbeddedS3 start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts on the given loopback port, or a free one when {@code port} is 0. */
    public static EmbeddedS3 start(Path dataDir, int port) {
        // Fresh credentials each start: only this process, which receives them here, can sign requests.
        return start(dataDir, port, randomHex(10), randomHex(20));
    }

    /** With credentials chosen by the caller: for a standalone S3 server (see {@link EmbeddedS3Main}). */
    public static EmbeddedS3 start(Path dataDir, int port, String accessKey, String secretKey) {
        Path baseDir = dataDir.resolve("objects").toAbsolutePath();
        try {
            Files.createDirectories(baseDir);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(baseDir.toString()))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            log.info("Embedded S3 listening on {}, objects under {}", endpoint, baseDir);
            return new EmbeddedS3(proxy, new S3Settings(endpoint, accessKey, secretKey, REGION, BUCKET));
        } catch (IOException e) {
            throw new StorageException("Cannot create " + baseDir, e);
        } catch (Exception e) {
            throw new StorageException("Cannot start the embedded S3 server on port " + port, e);
        }
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new StorageException("Cannot stop the embedded S3 server", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
