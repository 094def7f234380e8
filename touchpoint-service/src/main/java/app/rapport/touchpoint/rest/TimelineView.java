package app.rapport.touchpoint.rest;

import java.util.List;

/** A page of the timeline; pass {@code nextBefore} as {@code before} for the next one (null at the end). */
public record TimelineView(List<TouchpointView> items, String nextBefore) {
}
