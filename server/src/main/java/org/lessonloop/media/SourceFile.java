package org.lessonloop.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lessonloop.jobs.PermanentJobFailure;
import org.lessonloop.recordings.Recording;
import org.lessonloop.storage.ObjectStore;

/** Copies a recording's original into a job's scratch folder, checking it is byte for byte what was uploaded. */
final class SourceFile {
    private final ObjectStore store;

    SourceFile(ObjectStore store) {
        this.store = store;
    }

    void fetchVerified(Recording.Source source, Path target) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(store.get(source.key()), sha256)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not fetch the source " + source.key(), e);
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(source.sha256())) {
            throw new PermanentJobFailure("The stored file is damaged (it no longer matches what was uploaded). "
                    + "Please upload the lesson video again.");
        }
    }
}
