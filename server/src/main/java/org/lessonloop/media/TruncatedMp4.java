package org.lessonloop.media;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An MP4/MOV whose index (moov) is intact but whose media data was cut short. Two looks: the
 * top-level boxes (a few header reads, safe on any input) show whether the file ends inside one;
 * only then ffprobe lists the packets, and the earliest stream to run out before its declared end
 * says where the recording is cut off.
 */
final class TruncatedMp4 {
    /** ffprobe's entries for the packet listing: one compact JSON object a line. */
    static final String ENTRIES = "packet=stream_index,pts_time,dts_time,duration_time,flags";
    /** A stream that ends this much short of its declared end was cut, not rounded. */
    private static final double TOLERANCE_SECONDS = 0.5;
    private static final int MAX_TOP_LEVEL_BOXES = 10_000;

    private final Map<Integer, double[]> startAndEnd = new HashMap<>();
    private final Map<Integer, Double> reached = new HashMap<>();

    /** For the streams ffprobe described, in its order (their index is their place). */
    TruncatedMp4(List<JsonObject> streams) {
        for (int i = 0; i < streams.size(); i++) {
            JsonObject stream = streams.get(i);
            double start = Math.max(0, MediaProbe.seconds(stream.getString("start_time")).orElse(0.0));
            int index = i;
            MediaProbe.seconds(stream.getString("duration"))
                    .ifPresent(duration -> startAndEnd.put(index, new double[] {start, start + duration}));
        }
    }

    /** Whether the file stops inside a top-level box (its size field reaches past the end). */
    static boolean endsInsideABox(Path file, long fileSize) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            long at = 0;
            for (int boxes = 0; at < fileSize && boxes < MAX_TOP_LEVEL_BOXES; boxes++) {
                header.clear();
                int read = channel.read(header, at);
                if (read < 8) {
                    return true;
                }
                long size = Integer.toUnsignedLong(header.getInt(0));
                if (size == 1) { // a 64-bit size follows the type
                    size = read < 16 ? Long.MAX_VALUE : header.getLong(8);
                } else if (size == 0) { // to the end of the file, wherever that is
                    return false;
                }
                if (size < 8 || size > fileSize - at) {
                    return true;
                }
                at += size;
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads ffprobe's packet listing: the end of each stream's last complete packet. */
    void read(InputStream listing) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(listing, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                packet(line.strip());
            }
        } catch (IOException e) {
            // The process went away; what was read so far is what there is.
        }
    }

    private void packet(String line) {
        if (!line.startsWith("{ \"stream_index\"")) {
            return;
        }
        JsonObject packet;
        try {
            packet = new JsonObject(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
        } catch (DecodeException e) {
            return;
        }
        if (packet.getString("flags", "").contains("C")) {
            return; // cut short by the end of the file
        }
        Optional<Double> at = MediaProbe.seconds(packet.getString("pts_time")).or(() -> MediaProbe.seconds(packet.getString("dts_time")));
        if (at.isPresent()) {
            double end = at.get() + MediaProbe.seconds(packet.getString("duration_time")).orElse(0.0);
            reached.merge(packet.getInteger("stream_index", -1), end, Math::max);
        }
    }

    /** Where the earliest stream that stops short of its declared end stops, in ms from its start. */
    Optional<Long> cutOffMs() {
        Optional<Double> earliest = Optional.empty();
        for (Map.Entry<Integer, double[]> stream : startAndEnd.entrySet()) {
            double start = stream.getValue()[0];
            double end = reached.getOrDefault(stream.getKey(), start);
            if (end < stream.getValue()[1] - TOLERANCE_SECONDS) {
                double cut = Math.max(0, end - start);
                earliest = Optional.of(earliest.map(e -> Math.min(e, cut)).orElse(cut));
            }
        }
        return earliest.map(seconds -> Math.round(seconds * 1000));
    }
}
