package app.rapport.advocate.rest;

/** {@code PUT /api/advocates/{id}/owner}. */
public record OwnerRequest(String ownerId) {
}
