package app.rapport.advocate.imports.rest;

import app.rapport.advocate.imports.domain.ImportJob;
import app.rapport.advocate.imports.domain.RejectedRow;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/advocates/imports/{id}}. {@code total} is null until the file was counted;
 * {@code rejected} holds the first 1000 rejected rows, {@code rejectedCount} counts them all.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportJobResponse(
        String id,
        String status,
        Long total,
        long processed,
        long created,
        long updated,
        long unchanged,
        long rejectedCount,
        List<RejectedRow> rejected,
        String error,
        String createdBy,
        Instant createdAt,
        Instant finishedAt) {

    public static ImportJobResponse of(ImportJob j) {
        return new ImportJobResponse(j.id(), j.status().name(), j.total(), j.processed(), j.created(), j.updated(),
                j.unchanged(), j.rejectedCount(), j.rejected(), j.error(), j.createdBy(), j.createdAt(),
                j.finishedAt());
    }
}
