package app.rapport.touchpoint.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * {@code POST /api/touchpoints}. {@code type}, {@code channel} and {@code note} (plain text, at most
 * 2000 characters counted as code points) are checked by the service, so that every error names its
 * field and what is allowed.
 *
 * @param activity optional, for an ACTIVITY: which reference activity happened
 */
public record RecordTouchpointRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String advocateId,
        @NotBlank(message = "is required") String type,
        Instant occurredAt,
        String channel,
        String note,
        @Size(max = 200, message = "must be at most 200 characters") String askId,
        String activity) {
}
