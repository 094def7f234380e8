package app.rapport.advocate.domain;

import java.time.LocalDate;

/** A leave, both ends inclusive. The reason may be personal: it never leaves advocate-service. */
public record Leave(String id, LocalDate from, LocalDate to, String reason) {

    public boolean overlaps(Leave other) {
        return !from.isAfter(other.to) && !other.from.isAfter(to);
    }
}
