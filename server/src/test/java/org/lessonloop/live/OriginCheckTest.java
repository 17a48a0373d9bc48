package org.lessonloop.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginCheckTest {
    private final OriginCheck ownOnly = new OriginCheck(Optional.empty());
    private final OriginCheck behindProxy = new OriginCheck(Optional.of(URI.create("https://Lessonloop.School.test/app")));

    @Test
    void aPageOfTheServersOwnHostMayOpenIt() {
        assertTrue(ownOnly.allows("http://127.0.0.1:8080", HostAndPort.authority("127.0.0.1", 8080)));
        assertTrue(ownOnly.allows("https://school.test", HostAndPort.authority("school.test")), "default ports");
        assertTrue(ownOnly.allows("https://school.test", HostAndPort.authority("SCHOOL.test", 443)));
        assertTrue(ownOnly.allows("http://[::1]:8080", HostAndPort.authority("[::1]", 8080)));
    }

    @Test
    void aPageOfAnotherHostOrPortMayNot() {
        assertFalse(ownOnly.allows("https://evil.example", HostAndPort.authority("school.test")));
        assertFalse(ownOnly.allows("http://127.0.0.1:3000", HostAndPort.authority("127.0.0.1", 8080)));
        assertFalse(ownOnly.allows("https://school.test.evil.example", HostAndPort.authority("school.test")));
        assertFalse(ownOnly.allows("http://school.test", null), "no Host to compare with");
    }

    @Test
    void opaqueOrMalformedOriginsAreRefused() {
        assertFalse(ownOnly.allows("null", HostAndPort.authority("school.test")));
        assertFalse(ownOnly.allows("file:///home/x.html", HostAndPort.authority("school.test")));
        assertFalse(ownOnly.allows("not a url", HostAndPort.authority("school.test")));
    }

    @Test
    void noOriginMeansNoBrowserAndIsAllowed() {
        assertTrue(ownOnly.allows(null, HostAndPort.authority("school.test")));
    }

    @Test
    void theConfiguredPublicUrlsOriginMayOpenItWhateverTheHostHeaderSays() {
        assertTrue(behindProxy.allows("https://lessonloop.school.test", HostAndPort.authority("10.0.0.5", 8080)));
        assertTrue(behindProxy.allows("https://lessonloop.school.test:443", HostAndPort.authority("10.0.0.5", 8080)));
        assertFalse(behindProxy.allows("http://lessonloop.school.test", HostAndPort.authority("10.0.0.5", 8080)), "another scheme is another origin");
        assertFalse(behindProxy.allows("https://evil.example", HostAndPort.authority("10.0.0.5", 8080)));
    }
}
