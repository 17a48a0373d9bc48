package org.lessonloop.media;

import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;

import java.util.Optional;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * An MP4/MOV whose index (moov) is intact but whose media data was cut short: the index still
 * lists samples beyond the end of the file. Found from the index alone, without decoding.
 */
final class TruncatedMp4 {
    private TruncatedMp4() {
    }

    /** Where the first sample that lies beyond the file's end would have played, in ms. */
    static Optional<Long> cutOffMs(AVFormatContext ctx, long fileSize) {
        long earliest = Long.MAX_VALUE;
        for (int s = 0; s < ctx.nb_streams(); s++) {
            AVStream stream = ctx.streams(s);
            int count = avformat_index_get_entries_count(stream);
            if (count == 0 || endOf(avformat_index_get_entry(stream, count - 1)) <= fileSize) {
                continue;
            }
            int lo = 0;
            int hi = count - 1;
            while (lo < hi) { // the first entry that does not fit: entries are in file order per stream
                int mid = (lo + hi) >>> 1;
                if (endOf(avformat_index_get_entry(stream, mid)) > fileSize) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            long ts = avformat_index_get_entry(stream, lo).timestamp() - Math.max(0, stream.start_time());
            long ms = ts * 1000L * stream.time_base().num() / stream.time_base().den();
            earliest = Math.min(earliest, Math.max(0, ms));
        }
        return earliest == Long.MAX_VALUE ? Optional.empty() : Optional.of(earliest);
    }

    private static long endOf(AVIndexEntry entry) {
        return entry.pos() + entry.size();
    }
}
