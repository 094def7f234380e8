package app.rapport.advocate.rest;

/** {@code PUT /api/advocates/{id}/status}: ACTIVE, PAUSED or RETIRED. */
public record StatusRequest(String status) {
}
