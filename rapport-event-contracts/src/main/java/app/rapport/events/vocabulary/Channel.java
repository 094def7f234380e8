package app.rapport.events.vocabulary;

import java.util.Optional;

/** How a person reaches an advocate: an advocate's preferred channels, how an ask was made, a touchpoint's channel. */
public enum Channel {
    EMAIL, PHONE, IN_PERSON, VIDEO, OTHER;

    /** Case-insensitive, blanks ignored; empty when {@code raw} is no channel. */
    public static Optional<Channel> parse(String raw) {
        return Vocabulary.parse(Channel.class, raw);
    }

    public static String allowed() {
        return Vocabulary.allowed(Channel.class);
    }
}
