package app.rapport.ask.rest;

import app.rapport.events.vocabulary.Activity;
import app.rapport.events.ask.OutcomeResult;
import app.rapport.events.vocabulary.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The request bodies of the ask API. Unknown fields are refused. */
public final class AskRequests {

    public record CreateAsk(@NotBlank @Size(max = 100) String advocateId, @NotNull Activity activity, LocalDate dueBy,
            @NotNull @Valid Context context) {
    }

    public record Context(@Size(max = 500) String opportunity, @NotBlank @Size(max = 2000) String need,
            @Size(max = 4000) String notes) {
    }

    public record Send(@NotNull Channel channel, @Size(max = 2000) String note) {
    }

    public record Decline(@NotBlank @Size(max = 2000) String reason) {
    }

    public record Override(@NotBlank @Size(max = 2000) String reason) {
    }

    public record Respond(@NotNull Boolean accepted, @Size(max = 2000) String note) {
    }

    public record Complete(@Size(max = 2000) String note) {
    }

    public record Cancel(@Size(max = 2000) String reason) {
    }

    /**
     * POST /api/asks/{id}/outcome. {@code amount} and {@code currency} go together (checked by the
     * service, which names the missing one); {@code closedOn} is today or earlier.
     */
    public record RecordOutcome(@NotNull OutcomeResult result,
            @DecimalMin(value = "0", message = "must be zero or more") @Digits(integer = 15, fraction = 4,
                    message = "must have at most 15 digits before the point and 4 after") BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code of three capital letters, such as USD")
            String currency,
            @NotNull LocalDate closedOn,
            @Size(max = 4000) String story) {
    }

    private AskRequests() {
    }
}
