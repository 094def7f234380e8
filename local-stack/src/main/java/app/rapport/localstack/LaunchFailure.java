package app.rapport.localstack;

/** Ends a launcher command: the message goes to stderr as {@code error: ...}, then the exit code. */
public class LaunchFailure extends RuntimeException {
    private final int exitCode;

    public LaunchFailure(String message) {
        this(message, 1);
    }

    public LaunchFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
