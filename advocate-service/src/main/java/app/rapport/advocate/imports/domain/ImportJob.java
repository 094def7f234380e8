package app.rapport.advocate.imports.domain;

import java.time.Instant;
import java.util.List;

/**
 * One CSV import. {@code total} is the number of data rows (known once the file was counted, null
 * before); {@code rejected} keeps the first {@link #MAX_REJECTED_KEPT} rejected rows and
 * {@code rejectedCount} counts them all.
 */
public record ImportJob(
        String id,
        ImportStatus status,
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
        Instant heartbeatAt,
        Instant finishedAt) {
    public static final int MAX_REJECTED_KEPT = 1000;

    public ImportJob {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }
}
