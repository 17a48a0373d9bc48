package org.lessonloop.annotations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lessonloop.accounts.CurrentUser;
import org.lessonloop.accounts.SessionAuthHandler;
import org.lessonloop.http.Ids;
import org.lessonloop.http.JsonBody;
import org.lessonloop.http.Responses;
import org.lessonloop.problems.ProblemException;

public final class TagSetsRoutes {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final TagSets tagSets;

    TagSetsRoutes(TagSets tagSets) {
        this.tagSets = tagSets;
    }

    public void mount(Router api, BodyHandler json) {
        api.get("/tag-sets").handler(this::list);
        api.post("/tag-sets").handler(json).handler(this::create);
        api.post("/tag-sets/:tagSetId/tags").handler(json).handler(this::addTag);
    }

    private void list(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        Responses.json(ctx, 200, () -> new JsonArray(tagSets.list(me).stream().map(TagSetsRoutes::toJson).toList()));
    }

    private void create(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        String name = JsonBody.read(ctx, "name").requiredString("name", 100);
        Responses.json(ctx, 201, () -> toJson(tagSets.create(me, name)));
    }

    /** Body {"name", "color": "#RRGGBB"}; answers the whole set. */
    private void addTag(RoutingContext ctx) {
        CurrentUser me = SessionAuthHandler.requireUser(ctx);
        UUID tagSetId = Ids.pathParam(ctx, "tagSetId");
        JsonBody body = JsonBody.read(ctx, "name", "color");
        String name = body.requiredString("name", 100);
        String color = body.requiredString("color", 7);
        if (!COLOR.matcher(color).matches()) {
            throw ProblemException.invalid("'color' must be a colour as #RRGGBB.");
        }
        Responses.json(ctx, 201, () -> toJson(tagSets.addTag(me, tagSetId, name, color.toLowerCase(java.util.Locale.ROOT))));
    }

    private static JsonObject toJson(TagSetRepository.TagSet set) {
        return new JsonObject()
                .put("id", set.id().toString())
                .put("name", set.name())
                .put("tags", AnnotationJson.labels(set.tags()));
    }
}
