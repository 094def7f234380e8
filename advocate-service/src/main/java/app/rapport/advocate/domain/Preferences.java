package app.rapport.advocate.domain;

import java.util.List;

/**
 * The advocate's own wishes: at most {@code maxAsksPerQuarter} asks a quarter (null: the programme
 * default applies) and the channels they like to be reached through.
 */
public record Preferences(Integer maxAsksPerQuarter, List<String> channels) {
    public static final Preferences NONE = new Preferences(null, List.of());

    public Preferences {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
