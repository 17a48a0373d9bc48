package org.lessonloop.takeout;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Blocking;
import org.lessonloop.http.Ids;
import org.lessonloop.http.ResponseOutputStream;
import org.lessonloop.problems.ProblemException;
import org.lessonloop.recordings.Recording;
import org.lessonloop.recordings.RecordingLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/me/takeout}: everything the caller owns as one ZIP, streamed as it is written;
 * {@code ?recording=} narrows it to one of her recordings (404 for anyone else's, as if it did not exist).
 */
final class TakeoutRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TakeoutRoutes.class);

    private final RecordingLifecycle recordings;
    private final TakeoutArchive archive;

    TakeoutRoutes(RecordingLifecycle recordings, TakeoutArchive archive) {
        this.recordings = recordings;
        this.archive = archive;
    }

    void mount(Router api) {
        api.get("/me/takeout").handler(this::takeout);
    }

    private void takeout(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Optional<UUID> only = Optional.ofNullable(ctx.queryParams().get("recording")).map(id -> Ids.parse(id, "recording"));
        Blocking.call(() -> owned(me, only)).onFailure(ctx::fail).onSuccess(mine -> {
            var response = ctx.response();
            response.putHeader("Content-Type", "application/zip")
                    .putHeader("Content-Disposition", "attachment; filename=\"lessonloop-takeout-" + LocalDate.now() + ".zip\"")
                    .putHeader("Cache-Control", "no-store");
            ResponseOutputStream body = new ResponseOutputStream(response);
            Blocking.transfer(() -> {
                try {
                    archive.write(me, mine, only.isEmpty(), body);
                } catch (Exception e) {
                    body.abort();
                    throw e;
                }
                return null;
            }).onFailure(e -> LOG.warn("A takeout stopped after {} bytes: {}", body.written(), e.getMessage()));
        });
    }

    private List<Recording> owned(CurrentUser me, Optional<UUID> only) {
        List<Recording> mine = recordings.ownedBy(me.id());
        if (only.isEmpty()) {
            return mine;
        }
        List<Recording> one = mine.stream().filter(r -> r.id().equals(only.get())).toList();
        if (one.isEmpty()) {
            throw ProblemException.notFound("There is no such recording.");
        }
        return one;
    }
}
