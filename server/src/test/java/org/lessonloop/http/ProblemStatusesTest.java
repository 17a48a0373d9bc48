package org.lessonloop.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lessonloop.problems.ProblemException;

/** Each kind of problem the features throw leaves with the status HTTP, or the tus protocol, gives it. */
class ProblemStatusesTest {
    private static final Map<ProblemException, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(ProblemException.invalid("x"), 400);
        EXPECTED.put(ProblemException.unauthorized("x"), 401);
        EXPECTED.put(ProblemException.forbidden("x"), 403);
        EXPECTED.put(ProblemException.notFound("x"), 404);
        EXPECTED.put(ProblemException.conflict("x"), 409);
        EXPECTED.put(new ProblemException.Gone("Upload expired", "x"), 410);
        EXPECTED.put(new ProblemException.PreconditionFailed("Unsupported tus version", "x"), 412);
        EXPECTED.put(ProblemException.tooLarge("x"), 413);
        EXPECTED.put(ProblemException.unsupportedMediaType("x"), 415);
        EXPECTED.put(new ProblemException.RangeNotSatisfiable("x"), 416);
        EXPECTED.put(new ProblemException.Busy("Upload busy", "x"), 423);
        EXPECTED.put(ProblemException.tooManyRequests("x"), 429);
        EXPECTED.put(new ProblemException.ChecksumMismatch("x"), 460);
        EXPECTED.put(new ProblemException.Upstream("Sign-in service unavailable", "x"), 502);
    }

    @Test
    void everyKindOfProblemHasItsStatus() {
        EXPECTED.forEach((problem, status) -> assertEquals(status, Problems.status(problem), problem.getClass().getSimpleName()));
    }

    @Test
    void theTableNamesEveryKind() {
        Set<Class<?>> kinds = EXPECTED.keySet().stream().map(Object::getClass).collect(Collectors.toSet());

        assertEquals(Set.of(ProblemException.class.getPermittedSubclasses()), kinds);
    }
}
