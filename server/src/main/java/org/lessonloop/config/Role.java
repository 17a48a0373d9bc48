package org.lessonloop.config;

/** What a process does: everything, only HTTP, or only media jobs (DESIGN.md §8). */
public enum Role {
    ALL, WEB, WORKER;

    public boolean servesHttp() {
        return this != WORKER;
    }

    public boolean runsJobs() {
        return this != WEB;
    }
}
