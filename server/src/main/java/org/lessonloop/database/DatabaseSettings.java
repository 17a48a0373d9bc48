package org.lessonloop.database;

/** Where an external PostgreSQL is; absent settings mean the embedded one. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
