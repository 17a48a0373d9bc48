package org.lessonloop.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Audio peaks for the timeline, in the JSON format of BBC audiowaveform (version 2), which
 * peaks.js reads directly and wavesurfer.js takes as pre-computed peaks: min/max pairs, 8-bit,
 * one pair per {@code samplesPerPixel} samples of mono audio.
 */
public final class WaveformPeaks {
    private final int sampleRate;
    private final int samplesPerPixel;

    public WaveformPeaks(int sampleRate, int samplesPerPixel) {
        this.sampleRate = sampleRate;
        this.samplesPerPixel = samplesPerPixel;
    }

    /** Reads signed 16-bit little-endian mono samples from {@code pcm}; writes the JSON to {@code json}. */
    public void write(Path pcm, Path json) {
        StringBuilder data = new StringBuilder();
        int length = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(pcm), 1 << 16)) {
            int min = Short.MAX_VALUE;
            int max = Short.MIN_VALUE;
            int inPixel = 0;
            for (int lo = in.read(), hi = in.read(); lo >= 0 && hi >= 0; lo = in.read(), hi = in.read()) {
                int sample = (short) ((hi << 8) | lo);
                min = Math.min(min, sample);
                max = Math.max(max, sample);
                if (++inPixel == samplesPerPixel) {
                    length = append(data, length, min, max);
                    min = Short.MAX_VALUE;
                    max = Short.MIN_VALUE;
                    inPixel = 0;
                }
            }
            if (inPixel > 0) {
                length = append(data, length, min, max);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Writer out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            out.write("{\"version\":2,\"channels\":1,\"sample_rate\":" + sampleRate + ",\"samples_per_pixel\":" + samplesPerPixel
                    + ",\"bits\":8,\"length\":" + length + ",\"data\":[" + data + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int append(StringBuilder data, int length, int min, int max) {
        if (length > 0) {
            data.append(',');
        }
        data.append(min >> 8).append(',').append(max >> 8);
        return length + 1;
    }
}
