package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Preferences;

import java.util.List;

/** An advocate's own cap per quarter and preferred channels. */
public record PreferencesBody(Integer maxAsksPerQuarter, List<String> channels) {

    public Preferences toDomain() {
        return new Preferences(maxAsksPerQuarter, channels == null ? List.of() : channels);
    }

    public static PreferencesBody of(Preferences p) {
        return new PreferencesBody(p.maxAsksPerQuarter(), p.channels());
    }
}
