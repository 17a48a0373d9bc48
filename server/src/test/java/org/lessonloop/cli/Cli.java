package org.lessonloop.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code admin ...} in this JVM over a server's environment, with what standard input holds. */
record Cli(Map<String, String> env) {

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Result typing(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCommand.run(args, env, new BufferedReader(new StringReader(stdin)), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Result run(String... args) {
        return typing("", args);
    }
}
