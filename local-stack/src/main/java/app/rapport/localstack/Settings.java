package app.rapport.localstack;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the settings of a local-stack main: {@code --name value} (or {@code --name=value}) on the
 * command line first, then an environment variable, then the default. Tests pass random ports and
 * temporary directories this way; {@code ./rapport} uses the defaults.
 */
final class Settings {
    private final Map<String, String> args = new HashMap<>();
    private final Map<String, String> env;

    Settings(String[] argv, Map<String, String> env) {
        this.env = env;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (use --name value)");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                args.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < argv.length) {
                args.put(name, argv[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
        }
    }

    String get(String arg, String envVar, String defaultValue) {
        String v = args.get(arg);
        if (v == null || v.isBlank()) {
            v = env.get(envVar);
        }
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    int port(String arg, String envVar, int defaultValue) {
        String v = get(arg, envVar, String.valueOf(defaultValue));
        try {
            int port = Integer.parseInt(v);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + arg + " (" + envVar + ") must be a port number, got '" + v + "'");
        }
    }
}
