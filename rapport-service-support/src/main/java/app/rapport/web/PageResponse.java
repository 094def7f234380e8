package app.rapport.web;

import java.util.List;

/** The list envelope of every list endpoint (docs/api.md): {@code {items, page, size, total}}. Pages count from 0. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
