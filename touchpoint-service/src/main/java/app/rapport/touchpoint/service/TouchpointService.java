package app.rapport.touchpoint.service;

import app.rapport.messaging.OutboxRelayService;
import app.rapport.events.vocabulary.Activity;
import app.rapport.events.vocabulary.Channel;
import app.rapport.touchpoint.domain.Source;
import app.rapport.touchpoint.domain.Touchpoint;
import app.rapport.events.vocabulary.TouchpointType;
import app.rapport.touchpoint.integrationevents.events.TouchpointEvents;
import app.rapport.touchpoint.mapping.TimelineCursor;
import app.rapport.touchpoint.repository.AdvocateProjectionRepository;
import app.rapport.touchpoint.repository.TouchpointRepository;
import app.rapport.touchpoint.rest.RecordTouchpointRequest;
import app.rapport.web.ApiException;
import app.rapport.web.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Recording touchpoints (by hand or from ask events) and reading the timeline. */
@ApplicationScoped
public class TouchpointService {
    /** How far ahead of the server clock {@code occurredAt} may be (clock skew). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final int MAX_NOTE_LENGTH = 2000;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    @Inject
    TouchpointRepository touchpoints;

    @Inject
    AdvocateProjectionRepository advocates;

    @Inject
    OutboxRelayService relay;

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    /** A page of the timeline: the items and the cursor of the next page (null at the end). */
    public record TimelinePage(List<Touchpoint> items, String nextBefore) {
    }

    public Touchpoint record(RecordTouchpointRequest request, String byUserId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // the annotations of the request and the rules below are checked in one pass, so that one
        // answer names every wrong field
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<RecordTouchpointRequest> v : validator.validate(request)) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        TouchpointType type = manualType(request.type(), errors);
        String channel = null;
        if (request.channel() != null) {
            channel = Channel.parse(request.channel()).map(Enum::name).orElse(null);
            if (channel == null) {
                errors.add(new FieldError("channel", "must be one of " + join(Arrays.asList(Channel.values()))));
            }
        }
        Instant occurredAt = request.occurredAt() == null ? now : request.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        if (occurredAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            errors.add(new FieldError("occurredAt", "must not be in the future (at most "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of the server clock, which reads " + now + ")"));
        } else if (occurredAt.isBefore(EARLIEST)) {
            errors.add(new FieldError("occurredAt", "must be on or after " + EARLIEST));
        }
        String note = request.note() == null || request.note().isEmpty() ? null : request.note();
        if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
            errors.add(new FieldError("note", "must be at most " + MAX_NOTE_LENGTH + " characters"));
        } else if (note != null && !isPlainText(note)) {
            errors.add(new FieldError("note", "must be plain text (no control characters other than tab and line breaks)"));
        }
        if (request.activity() != null) {
            if (type != null && type != TouchpointType.ACTIVITY) {
                errors.add(new FieldError("activity", "is only for a touchpoint of type ACTIVITY"));
            } else if (Activity.parse(request.activity()).map(a -> !a.name().equals(request.activity())).orElse(true)) {
                errors.add(new FieldError("activity", "must be one of " + Activity.allowed()));
            }
        }
        String askId = request.askId() == null || request.askId().isBlank() ? null : request.askId().trim();
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw ApiException.badRequest("The request is invalid: " + errors.size()
                    + (errors.size() == 1 ? " field is" : " fields are") + " wrong", errors);
        }
        String advocateId = request.advocateId().trim();
        if (advocates.find(advocateId).isEmpty()) {
            throw ApiException.unprocessable("Advocate " + advocateId + " is not known to touchpoint-service. "
                    + "Touchpoints can only be recorded for an advocate registered in advocate-service; "
                    + "one registered a moment ago becomes known within seconds.");
        }
        Touchpoint t = new Touchpoint("tp-" + UUID.randomUUID(), advocateId, type, occurredAt, now, channel, note,
                askId, request.activity(), null, null, byUserId, Source.MANUAL);
        touchpoints.insert(t, TouchpointEvents.outboxEvent(t));
        relay.nudge();
        return t;
    }

    /**
     * Records a touchpoint derived from an ask event. Its id derives from the event id, so a
     * redelivered event collides and changes nothing.
     *
     * @return true when recorded now, false for a redelivery
     */
    public boolean recordDerived(Touchpoint t) {
        boolean inserted = touchpoints.insertOnce(t, TouchpointEvents.outboxEvents(t));
        if (inserted && TouchpointEvents.published(t)) {
            relay.nudge();
        }
        return inserted;
    }

    /**
     * Records touchpoints derived from a batch of ask events in one bulk insert, each with its
     * event (an OUTCOME has none, see {@link TouchpointEvents}); a redelivered one collides on its id
     * and is skipped.
     *
     * @return how many were recorded now
     */
    public int recordDerivedAll(List<Touchpoint> derived) {
        int recorded = touchpoints.insertOnceAll(derived, TouchpointEvents::outboxEvents);
        if (recorded > 0 && derived.stream().anyMatch(TouchpointEvents::published)) {
            relay.nudge();
        }
        return recorded;
    }

    public Touchpoint get(String id) {
        return touchpoints.findById(id).orElseThrow(() -> ApiException.notFound("No touchpoint " + id));
    }

    public TimelinePage timeline(String advocateId, String before, String limitText) {
        List<FieldError> errors = new ArrayList<>();
        int limit = DEFAULT_LIMIT;
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.trim());
                if (limit < 1 || limit > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a whole number"));
            }
        }
        TimelineCursor cursor = null;
        if (before != null && !before.isBlank()) {
            cursor = TimelineCursor.parse(before).orElse(null);
            if (cursor == null) {
                errors.add(new FieldError("before",
                        "must be the nextBefore of a previous page or an ISO-8601 instant (e.g. 2026-11-24T10:00:00Z)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid timeline parameters", errors);
        }
        requireKnown(advocateId);
        List<Touchpoint> fetched = touchpoints.timeline(advocateId, cursor, limit + 1);
        boolean more = fetched.size() > limit;
        List<Touchpoint> items = more ? fetched.subList(0, limit) : fetched;
        String next = more ? new TimelineCursor(items.get(items.size() - 1).occurredAt(),
                items.get(items.size() - 1).id()).encode() : null;
        return new TimelinePage(List.copyOf(items), next);
    }

    /** 404 unless the advocate is in the projection or has touchpoints. */
    public void requireKnown(String advocateId) {
        if (advocates.find(advocateId).isEmpty() && !touchpoints.anyFor(advocateId)) {
            throw ApiException.notFound("Advocate " + advocateId + " is not known to touchpoint-service");
        }
    }

    private static TouchpointType manualType(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            return null; // reported by bean validation
        }
        String allowed = join(TouchpointType.manualTypes());
        TouchpointType type = TouchpointType.parse(name).orElse(null);
        if (type == null) {
            errors.add(new FieldError("type", "must be one of " + allowed));
            return null;
        }
        if (!type.manual()) {
            errors.add(new FieldError("type", type + " is recorded automatically from ask events; record one of "
                    + allowed));
            return null;
        }
        return type;
    }

    private static String join(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    static boolean isPlainText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
