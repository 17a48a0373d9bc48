package org.lessonloop.config;

/** How log lines are written: for people reading a terminal, or one JSON object a line for log shippers. */
public enum LogFormat {
    TEXT, JSON
}
