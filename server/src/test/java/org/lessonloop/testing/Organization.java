package org.lessonloop.testing;

import io.vertx.core.json.JsonObject;

/**
 * A school with signed-in people: two teachers, a coach the first teacher shares with, a coach
 * she does not, and the admin. Fixtures name the situation they build.
 */
public final class Organization {
    public final ApiClient admin;
    public final ApiClient teacher;
    public final ApiClient otherTeacher;
    public final ApiClient sharedCoach;
    public final ApiClient unsharedCoach;
    public final ApiClient anonymous;
    public final String teacherId;
    public final String sharedCoachId;
    public final String unsharedCoachId;
    public final String adminId;

    private Organization(java.net.URI base, boolean createPeople) {
        admin = new ApiClient(base).signIn(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        adminId = idOf(admin);
        if (createPeople) {
            createUser("teacher@school.test", "Tia Teacher", "teacher");
            createUser("other.teacher@school.test", "Olu Other", "teacher");
            createUser("coach@school.test", "Cara Coach", "coach");
            createUser("other.coach@school.test", "Dev Coach", "coach");
        }
        teacher = signIn(base, "teacher@school.test");
        otherTeacher = signIn(base, "other.teacher@school.test");
        sharedCoach = signIn(base, "coach@school.test");
        unsharedCoach = signIn(base, "other.coach@school.test");
        anonymous = new ApiClient(base);
        teacherId = idOf(teacher);
        sharedCoachId = idOf(sharedCoach);
        unsharedCoachId = idOf(unsharedCoach);
    }

    public static Organization in(TestServer server) {
        return new Organization(server.base(), true);
    }

    /** The same people on a server started some other way (a child JVM), signed in with the test admin. */
    public static Organization at(java.net.URI base) {
        return new Organization(base, true);
    }

    /** The people {@link #at} made, signed in again through another node of the same database. */
    public static Organization signedInAt(java.net.URI base) {
        return new Organization(base, false);
    }

    private static String idOf(ApiClient client) {
        return client.get("/api/me").json().getString("id");
    }

    public static String passwordOf(String email) {
        return "pw-" + email + "-long-enough";
    }

    /** The teacher's recording, shared with the coach (comment), not with anyone else. */
    public String sharedRecording() {
        String id = recording("Fractions, period 3");
        ApiResponse share = teacher.postJson("/api/recordings/" + id + "/shares",
                new JsonObject().put("userId", sharedCoachId).put("permission", "comment"));
        if (share.status() != 201) {
            throw new IllegalStateException("Could not share: " + share);
        }
        return id;
    }

    /** A recording of the teacher's, shared with nobody. */
    public String recording(String title) {
        ApiResponse created = teacher.postJson("/api/recordings", new JsonObject().put("title", title));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a recording: " + created);
        }
        return created.json().getString("id");
    }

    private void createUser(String email, String name, String role) {
        People.invitedAndActivated(admin, email, name, role, passwordOf(email));
    }

    /** The recording's jobs still queued or running (a postponed death or a leftovers job included), as the admin sees them. */
    public java.util.List<String> unfinishedJobs(String recordingId) {
        return java.util.stream.Stream.of("queued", "running")
                .flatMap(state -> admin.get("/api/jobs?state=" + state).array().stream().map(JsonObject.class::cast))
                .filter(job -> recordingId.equals(job.getString("recordingId")))
                .map(JsonObject::encode).toList();
    }

    private static ApiClient signIn(java.net.URI base, String email) {
        return new ApiClient(base).signIn(email, passwordOf(email));
    }
}
