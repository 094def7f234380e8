package app.rapport.localstack;

import java.util.List;

/** A launcher command line, checked: the command and what it was given. */
record Invocation(String command, List<String> args, boolean empty, Component component) {

    static Invocation parse(String... argv) {
        if (argv.length == 0) {
            throw new LaunchFailure("usage: ./rapport COMMAND (./rapport help)", 2);
        }
        String command = argv[0];
        List<String> args = List.of(argv).subList(1, argv.length);
        switch (command) {
            case "up" -> {
                boolean empty = false;
                for (String a : args) {
                    if (!a.equals("--empty")) {
                        throw new LaunchFailure("unknown option '" + a + "' (usage: ./rapport up [--empty])");
                    }
                    empty = true;
                }
                return new Invocation(command, args, empty, null);
            }
            case "restart" -> {
                if (args.size() != 1) {
                    throw new LaunchFailure("usage: ./rapport restart " + Component.shortNames());
                }
                Component c = Component.named(args.get(0)).orElseThrow(() -> new LaunchFailure(
                        "unknown process '" + args.get(0) + "' (usage: ./rapport restart " + Component.shortNames() + ")"));
                return new Invocation(command, args, false, c);
            }
            case "token" -> {
                if (args.size() < 2) {
                    throw new LaunchFailure(LocalKeys.tokenUsage());
                }
                LocalKeys.checkToken(args.get(0), args.subList(1, args.size()));
                return new Invocation(command, args, false, null);
            }
            case "down", "status", "keys", "seed", "kafka", "bench" -> {
                return new Invocation(command, args, false, null);
            }
            default -> throw new LaunchFailure("unknown command '" + command + "' (./rapport help)", 2);
        }
    }
}
