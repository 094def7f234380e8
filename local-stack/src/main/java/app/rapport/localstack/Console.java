package app.rapport.localstack;

import java.io.PrintStream;

/** The launcher's output, as {@code ./rapport} has always printed it (bold {@code ==>}, yellow warnings). */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final String bold;
    private final String red;
    private final String yellow;
    private final String reset;

    Console(PrintStream out, PrintStream err, boolean color) {
        this.out = out;
        this.err = err;
        bold = color ? "\u001b[1m" : "";
        red = color ? "\u001b[31m" : "";
        yellow = color ? "\u001b[33m" : "";
        reset = color ? "\u001b[0m" : "";
    }

    void say(String line) {
        out.println(line);
        out.flush();
    }

    void info(String line) {
        say(bold + "==>" + reset + " " + line);
    }

    void warn(String line) {
        err.println(yellow + "warning:" + reset + " " + line);
        err.flush();
    }

    void error(String line) {
        err.println(red + "error:" + reset + " " + line);
        err.flush();
    }

    /** A line to stderr in red before the text ({@code SEEDING FAILED: ...}). */
    void alarm(String label, String line) {
        err.println(red + label + reset + " " + line);
        err.flush();
    }

    void stderr(String text) {
        err.println(text);
        err.flush();
    }

    PrintStream out() {
        return out;
    }
}
