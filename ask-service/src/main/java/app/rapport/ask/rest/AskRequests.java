package app.rapport.ask.rest;

import app.rapport.ask.domain.Activity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** The request bodies of the ask API. Unknown fields are refused. */
public final class AskRequests {

    public record CreateAsk(@NotBlank @Size(max = 100) String advocateId, @NotNull Activity activity, LocalDate dueBy,
            @NotNull @Valid Context context) {
    }

    public record Context(@Size(max = 500) String opportunity, @NotBlank @Size(max = 2000) String need,
            @Size(max = 4000) String notes) {
    }

    public enum Channel {
        EMAIL, PHONE, IN_PERSON, VIDEO, OTHER
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

    private AskRequests() {
    }
}
