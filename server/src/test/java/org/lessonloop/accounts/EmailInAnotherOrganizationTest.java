package org.lessonloop.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lessonloop.testing.ApiClient;
import org.lessonloop.testing.ApiResponse;
import org.lessonloop.testing.People;
import org.lessonloop.testing.RealServer;
import org.lessonloop.testing.TestServer;

/**
 * Issue 12's probe: "an admin learns that an email exists in another organization". Inviting an
 * email that another organization uses answers exactly as inviting anyone new does, and the person
 * then has an account in each, each with its own password.
 */
@RealServer
class EmailInAnotherOrganizationTest {
    private static final String SHARED = "sam.shared@district.test";

    private static TestServer server;
    private static ApiClient admin;
    private static ApiClient otherAdmin;

    @BeforeAll
    static void twoSchools() {
        admin = server.admin();
        // A second school on the same server; its admin signs in with the test admin's password.
        String other = UUID.randomUUID().toString();
        server.sqlUpdate("INSERT INTO organizations (id, name) VALUES (?::uuid, 'Riverside School')", other);
        server.sqlUpdate("INSERT INTO users (id, organization_id, email, display_name, role, password_hash) "
                + "SELECT gen_random_uuid(), ?::uuid, 'admin@riverside.test', 'Riverside Admin', 'admin', password_hash "
                + "FROM users WHERE email = '" + TestServer.ADMIN_EMAIL + "'", other);
        otherAdmin = server.anonymous().signIn("admin@riverside.test", TestServer.ADMIN_PASSWORD);
        People.invitedAndActivated(otherAdmin, SHARED, "Sam at Riverside", "teacher", "riverside tea with lemon");
    }

    @Test
    void invitingAnEmailOfAnotherOrganizationAnswersAsForAnyoneNew() {
        ApiResponse fresh = invite(admin, "nobody.yet@district.test");
        ApiResponse usedElsewhere = invite(admin, SHARED);

        assertEquals(201, fresh.status(), fresh::toString);
        assertEquals(fresh.status(), usedElsewhere.status(), usedElsewhere::toString);
        assertEquals(fresh.json().fieldNames(), usedElsewhere.json().fieldNames());
        assertEquals("invited", usedElsewhere.json().getString("status"));
        assertEquals(Set.of("url", "expiresAt"), usedElsewhere.json().getJsonObject("invitation").fieldNames());
        assertEquals(false, usedElsewhere.body().contains("Riverside"));
    }

    @Test
    void thePersonHasAnAccountInEachOrganizationWithItsOwnPassword() {
        String email = "dana.two.schools@district.test";
        People.invitedAndActivated(otherAdmin, email, "Dana at Riverside", "coach", "riverside biscuits at five");
        ApiResponse invited = invite(admin, email);
        People.accept(server.base(), People.tokenOf(invited.json()), "hillside biscuits at five");

        JsonObject atRiverside = server.anonymous().signIn(email, "riverside biscuits at five").get("/api/me").json();
        JsonObject atHillside = server.anonymous().signIn(email, "hillside biscuits at five").get("/api/me").json();

        assertNotEquals(atRiverside.getString("id"), atHillside.getString("id"));
        assertEquals(invited.json().getString("id"), atHillside.getString("id"));
        assertEquals("coach", atRiverside.getString("role"));
        assertEquals("teacher", atHillside.getString("role"));
        assertEquals(401, server.anonymous().postJson("/api/session",
                new JsonObject().put("email", email).put("password", "neither of the two passwords")).status());
    }

    @Test
    void anEmailAlreadyInTheAdminsOwnOrganizationIsStillAConflict() {
        // The admin lists their own organization's emails anyway: saying so reveals nothing.
        ApiResponse again = invite(otherAdmin, SHARED);

        assertEquals(409, again.status(), again::toString);
        assertEquals("An account with the email " + SHARED + " already exists in your organization.", again.json().getString("detail"));
    }

    @Test
    void eachAdminSeesOnlyTheirOwnOrganizationsAccount() {
        String email = "lee.listed@district.test";
        invite(otherAdmin, email);
        String id = invite(admin, email).json().getString("id");

        long listed = admin.get("/api/users").array().stream().map(JsonObject.class::cast)
                .filter(user -> email.equals(user.getString("email"))).peek(user -> assertEquals(id, user.getString("id"))).count();

        assertEquals(1, listed);
    }

    private static ApiResponse invite(ApiClient by, String email) {
        return by.postJson("/api/users", new JsonObject().put("email", email).put("displayName", "Someone").put("role", "teacher"));
    }
}
