package app.rapport.advocate.rest;

import app.rapport.advocate.domain.Leave;

import java.time.LocalDate;

public record LeaveResponse(String id, LocalDate from, LocalDate to, String reason) {

    public static LeaveResponse of(Leave l) {
        return new LeaveResponse(l.id(), l.from(), l.to(), l.reason());
    }
}
