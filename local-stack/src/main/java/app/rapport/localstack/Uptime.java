package app.rapport.localstack;

import java.time.Duration;

/** How long a process has been up, the way {@code ./rapport status} shows it: 42s, 3m05s, 2h07m, 4d03h. */
final class Uptime {
    private Uptime() {
    }

    static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
