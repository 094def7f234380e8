package app.rapport.touchpoint.domain;

import java.util.Arrays;
import java.util.Optional;

/** How the contact was made (SPEC: EMAIL|PHONE|IN_PERSON|VIDEO|OTHER). */
public enum Channel {
    EMAIL, PHONE, IN_PERSON, VIDEO, OTHER;

    public static Optional<Channel> parse(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}
