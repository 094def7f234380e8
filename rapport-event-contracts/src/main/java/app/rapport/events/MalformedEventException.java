package app.rapport.events;

/** A record that can never be applied: missing CloudEvents headers or an unreadable value. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
