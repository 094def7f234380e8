package app.rapport.advocate.service;

/** The filters of {@code GET /api/advocates}; every one optional, all of them combined with AND. */
public record AdvocateQuery(String q, String accountId, String ownerId, String tag, String activity, String status) {
}
