package org.lessonloop.upload;

import org.lessonloop.testing.Tus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lessonloop.problems.ProblemException;

class TusMetadataTest {

    @Test
    void pairsAreDecodedFromBase64() {
        TusMetadata metadata = TusMetadata.parse("recordingId " + Tus.b64("abc") + ",filename " + Tus.b64("Lesson 3.mov") + ",empty");
        assertEquals("abc", metadata.get("recordingId").orElseThrow());
        assertEquals("Lesson 3.mov", metadata.displayFilename());
        assertEquals("", metadata.values().get("empty"));
    }

    @Test
    void pathPartsAndControlCharactersAreStrippedFromTheFileName() {
        assertEquals("f.mp4", TusMetadata.parse("filename " + Tus.b64("../../etc/f.mp4")).displayFilename());
        assertEquals("x.mp4", TusMetadata.parse("filename " + Tus.b64("C:\\Users\\t\\x.mp4")).displayFilename());
        assertEquals("ab.mp4", TusMetadata.parse("filename " + Tus.b64("a\u0000b\n.mp4")).displayFilename());
        assertEquals("recording", TusMetadata.parse("filename " + Tus.b64("..")).displayFilename());
    }

    @Test
    void malformedMetadataIsRejected() {
        assertThrows(ProblemException.class, () -> TusMetadata.parse("filename not*base64"));
        assertThrows(ProblemException.class, () -> TusMetadata.parse("a b c"));
        assertThrows(ProblemException.class, () -> TusMetadata.parse("a " + Tus.b64("1") + ",a " + Tus.b64("2")));
    }
}
