package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Busy;

import java.time.LocalDate;

public record BusyResponse(LocalDate until, String note) {

    public static BusyResponse of(Busy b) {
        return b == null ? null : new BusyResponse(b.until(), b.note());
    }
}
