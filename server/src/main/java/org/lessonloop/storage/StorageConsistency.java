package org.lessonloop.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lessonloop.storage.ObjectStore.ListedObject;
import org.lessonloop.storage.ObjectStore.StartedUpload;

/**
 * Compares the bucket with the rows: objects no row points at, rows whose object is gone, and
 * multipart uploads no upload is filling any more. A running server writes an object before the
 * row that names it, so only objects and uploads older than a grace period count as orphans, and
 * the rows are read before and after the listing (an object either claims is kept) and once more
 * before anything is removed.
 */
public final class StorageConsistency {

    /** What one check found; {@code inFlight}: unclaimed but younger than the grace period, left alone. */
    public record Report(List<ListedObject> orphanObjects, List<StartedUpload> abandonedUploads, Map<String, String> missingObjects,
                         int objects, int inFlight) {
        public boolean consistent() {
            return orphanObjects.isEmpty() && abandonedUploads.isEmpty() && missingObjects.isEmpty();
        }
    }

    /** What a repair did; {@code failures} name what could not be removed and why. */
    public record Repair(List<String> removedObjects, List<String> abortedUploads, List<String> failures) {
    }

    private final ObjectStore store;
    private final List<Supplier<StorageClaims>> features;
    private final Clock clock;

    public StorageConsistency(ObjectStore store, List<Supplier<StorageClaims>> features, Clock clock) {
        this.store = store;
        this.features = List.copyOf(features);
        this.clock = clock;
    }

    public Report check(Duration grace) {
        Instant cutoff = clock.instant().minus(grace);
        StorageClaims before = claims();
        List<ListedObject> objects = store.listWithDates("");
        List<StartedUpload> uploads = store.listMultipartUploadsWithDates("");
        StorageClaims after = claims();

        List<ListedObject> orphans = new ArrayList<>();
        int inFlight = 0;
        for (ListedObject object : objects) {
            if (before.claims(object.key()) || after.claims(object.key())) {
                continue;
            }
            if (object.lastModified().isBefore(cutoff)) {
                orphans.add(object);
            } else {
                inFlight++;
            }
        }
        List<StartedUpload> abandoned = new ArrayList<>();
        for (StartedUpload upload : uploads) {
            String id = upload.upload().uploadId();
            if (before.multipartUploads().contains(id) || after.multipartUploads().contains(id)) {
                continue;
            }
            if (upload.initiated().isBefore(cutoff)) {
                abandoned.add(upload);
            } else {
                inFlight++;
            }
        }
        // Needed before the listing and still after it: a row read first names an object already written.
        Set<String> present = objects.stream().map(ListedObject::key).collect(Collectors.toSet());
        Map<String, String> missing = new TreeMap<>();
        before.required().forEach((key, neededBy) -> {
            if (after.required().containsKey(key) && !present.contains(key)) {
                missing.put(key, neededBy);
            }
        });
        return new Report(List.copyOf(orphans), List.copyOf(abandoned), missing, objects.size(), inFlight);
    }

    /**
     * Removes the report's orphans and aborts its abandoned uploads, skipping any a row claimed
     * meanwhile. Rows whose object is gone are left for a person: only a backup brings bytes back.
     */
    public Repair repair(Report report) {
        StorageClaims now = claims();
        List<String> removed = new ArrayList<>();
        List<String> aborted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ListedObject orphan : report.orphanObjects()) {
            if (now.claims(orphan.key())) {
                continue;
            }
            try {
                store.remove(orphan.key());
                removed.add(orphan.key());
            } catch (StorageException e) {
                failures.add(orphan.key() + ": " + e.getMessage());
            }
        }
        for (StartedUpload upload : report.abandonedUploads()) {
            var pending = upload.upload();
            if (now.multipartUploads().contains(pending.uploadId())) {
                continue;
            }
            try {
                store.abortMultipartUpload(pending.key(), pending.uploadId());
                aborted.add(pending.key() + " (upload " + pending.uploadId() + ")");
            } catch (StorageException e) {
                failures.add(pending.key() + " (upload " + pending.uploadId() + "): " + e.getMessage());
            }
        }
        return new Repair(List.copyOf(removed), List.copyOf(aborted), List.copyOf(failures));
    }

    private StorageClaims claims() {
        return StorageClaims.merge(features.stream().map(Supplier::get).toList());
    }
}
