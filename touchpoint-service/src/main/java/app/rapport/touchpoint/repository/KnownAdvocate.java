package app.rapport.touchpoint.repository;

/** The little this service knows of an advocate, from advocate-events. No contact details. */
public record KnownAdvocate(String advocateId, String name, String ownerId, String status, long version) {
}
