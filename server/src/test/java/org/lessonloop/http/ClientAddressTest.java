package org.lessonloop.http;

import static org.lessonloop.http.ProblemAssert.assertProblem;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Sign-in limits count per client address: X-Forwarded-For names the client only on a connection
 * from a proxy the operator trusts (here 127.0.0.1); from anywhere else it is ignored, or anyone
 * could pick a fresh address for every guess.
 */
@RealServer(env = {"LESSONLOOP_TRUSTED_PROXIES=127.0.0.1"})
class ClientAddressTest {
    private static final String PASSWORD = "the teacher's own passphrase";
    private static TestServer server;

    @Test
    void behindTheTrustedProxyEachForwardedClientCountsOnItsOwn() throws Exception {
        String email = person("behind.proxy@school.test");
        HttpClient proxy = from("127.0.0.1");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertProblem(signIn(proxy, "10.0.0.1", email, "wrong-guess-" + attempt), 401);
        }

        assertProblem(signIn(proxy, "10.0.0.1", email, PASSWORD), 429);
        assertProblem(signIn(proxy, "203.0.113.9, 10.0.0.1", email, PASSWORD), 429); // an address the client wrote itself
        assertProblem(signIn(proxy, "10.0.0.2", email, "wrong-guess-again"), 401);
    }

    @Test
    void fromAnUntrustedAddressTheHeaderIsIgnored() throws Exception {
        String email = person("direct@school.test");
        HttpClient direct = from("127.0.0.9");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertProblem(signIn(direct, "10.1.0." + attempt, email, "wrong-guess-" + attempt), 401);
        }

        assertProblem(signIn(direct, "10.1.0.99", email, PASSWORD), 429);
    }

    private static String person(String email) {
        People.invitedAndActivated(server.admin(), email, "Someone", "teacher", PASSWORD);
        return email;
    }

    private static HttpClient from(String address) throws Exception {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static ApiResponse signIn(HttpClient client, String forwardedFor, String email, String password) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/session"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ApiResponse(response.statusCode(), response.headers(), response.body());
    }
}
