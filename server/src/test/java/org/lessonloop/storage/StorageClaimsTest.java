package org.lessonloop.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StorageClaimsTest {
    private final StorageClaims claims = StorageClaims.builder()
            .key("recordings/r1/source")
            .prefix("recordings/r1/media/")
            .required("recordings/r2/source", "the source of recording r2")
            .multipartUpload("upload-1")
            .build();

    @Test
    void aKeyIsClaimedByItselfOrByAFolderItLiesIn() {
        assertTrue(claims.claims("recordings/r1/source"));
        assertTrue(claims.claims("recordings/r1/media/v360/seg_00001.m4s"));
        assertTrue(claims.claims("recordings/r2/source"), "a required key is claimed too");
    }

    @Test
    void aSiblingOrALookalikeIsNotClaimed() {
        assertFalse(claims.claims("recordings/r1/clips/c1.mp4"));
        assertFalse(claims.claims("recordings/r1/media"), "the folder's name without its slash is another key");
        assertFalse(claims.claims("recordings/r1/mediaX/seg"));
        assertFalse(claims.claims("recordings/r1/source.old"));
    }

    @Test
    void mergedClaimsKeepEveryFeaturesClaims() {
        StorageClaims other = StorageClaims.builder().key("stray").multipartUpload("upload-2").build();

        StorageClaims merged = StorageClaims.merge(List.of(claims, other));

        assertTrue(merged.claims("stray") && merged.claims("recordings/r1/media/poster.jpg"));
        assertEquals(java.util.Set.of("upload-1", "upload-2"), merged.multipartUploads());
        assertEquals(java.util.Map.of("recordings/r2/source", "the source of recording r2"), merged.required());
    }

    @Test
    void aPrefixMustBeAFolder() {
        assertThrows(IllegalArgumentException.class, () -> StorageClaims.builder().prefix("recordings/r1/media"));
    }
}
