package app.rapport.gateway.proxy;

import app.rapport.gateway.config.DownstreamService;

/**
 * The routing table of the gateway: which service owns an {@code /api} path. Paths the gateway
 * answers itself ({@code /api/advocates/{id}/360}, {@code /api/ops/**}, {@code /api/dev/tokens})
 * are matched by their own resources before this table is consulted.
 */
public final class Routes {

    /** The owning service of {@code path} (without query string), or null when nobody owns it. */
    public static DownstreamService route(String path) {
        if (path == null || !path.startsWith("/api/")) {
            return null;
        }
        String[] s = path.substring("/api/".length()).split("/", -1);
        if (s.length == 0 || s[0].isEmpty()) {
            return null;
        }
        for (String segment : s) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        return switch (s[0]) {
            case "advocates" -> (s.length == 3 && (s[2].equals("timeline") || s[2].equals("relationship")))
                    ? DownstreamService.TOUCHPOINT
                    : DownstreamService.ADVOCATE;
            case "accounts" -> DownstreamService.ADVOCATE;
            case "touchpoints", "relationships" -> DownstreamService.TOUCHPOINT;
            case "asks", "eligibility", "suggestions", "policy" -> DownstreamService.ASK;
            default -> null;
        };
    }

    private Routes() {
    }
}
