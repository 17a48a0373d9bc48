package org.lessonloop.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResumableSha256Test {

    @Test
    void aHashSavedAndRestoredMidStreamEqualsTheHashOfTheWholeStream() {
        byte[] content = Bytes.random(3_000_001, 7);
        int[] cuts = {0, 1, 63, 64, 65, 1_000_000, 2_999_999, 3_000_001};
        for (int cut : cuts) {
            ResumableSha256 first = ResumableSha256.restore(null);
            first.update(content, 0, cut);
            ResumableSha256 resumed = ResumableSha256.restore(first.save());
            resumed.update(content, cut, content.length - cut);
            assertEquals(Bytes.sha256(content), resumed.finishHex(), "cut at " + cut);
        }
    }

    @Test
    void anEmptyStreamHasTheWellKnownEmptyHash() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ResumableSha256.restore(null).finishHex());
    }
}
