package app.rapport.advocate.rest;

import java.util.List;

/** {@code POST /api/advocates/{id}/consents}: the opted-in activities re-confirmed today. */
public record ConsentsRequest(List<String> activities) {
}
