package app.rapport.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./rapport} runs: {@code up [--empty]}, {@code down}, {@code status},
 * {@code restart NAME}, {@code token SUB ROLE...}, {@code keys}, {@code seed}, {@code kafka ...}
 * and {@code bench ...}. The checkout is {@code -Drapport.root}; the settings come from the
 * environment ({@link LaunchSettings}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] argv) {
        boolean color = Boolean.getBoolean("rapport.color");
        Console console = new Console(System.out, System.err, color);
        int exit;
        try {
            exit = run(Path.of(System.getProperty("rapport.root", ".")).toAbsolutePath().normalize(), argv, console);
        } catch (LaunchFailure e) {
            if (e.getMessage() != null) {
                console.error(e.getMessage());
            }
            exit = e.exitCode();
        }
        System.out.flush();
        System.exit(exit);
    }

    static int run(Path root, String[] argv, Console console) {
        Invocation call = Invocation.parse(argv);
        LaunchSettings settings = LaunchSettings.from(root, System.getenv());
        LocalStack stack = new LocalStack(settings, console);
        switch (call.command()) {
            case "up":
                return stack.up(call.empty());
            case "down":
                return stack.down();
            case "status":
                return stack.status();
            case "restart":
                return stack.restart(call.component());
            case "token":
                console.say(stack.keys().token(call.args().get(0), call.args().subList(1, call.args().size())));
                return 0;
            case "keys":
                stack.keys().ensure(console, settings.shown(settings.keys()));
                console.say(stack.keys().privateKey() + " (PKCS#8) and " + stack.keys().publicKey());
                return 0;
            case "seed":
                if (stack.ours(Component.GATEWAY).isEmpty()) {
                    throw new LaunchFailure("the gateway is not running: ./rapport up first");
                }
                if (!Files.exists(stack.keys().privateKey())) {
                    throw new LaunchFailure("no key in " + settings.shown(settings.keys()));
                }
                return stack.seed() ? 0 : 1;
            case "kafka":
                return kafka(call.args());
            case "bench":
                return new Bench(settings, console).run(call.args());
            default:
                throw new IllegalStateException(call.command());
        }
    }

    private static int kafka(List<String> args) {
        int port = Component.KAFKA.port();
        if (!Processes.portOpen(port)) {
            throw new LaunchFailure("Kafka is not running on 127.0.0.1:" + port + " (./rapport up)");
        }
        try {
            return KafkaToolMain.run("127.0.0.1:" + port, new ArrayList<>(args), System.out);
        } catch (LaunchFailure e) {
            throw e;
        } catch (Exception e) {
            throw new LaunchFailure(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
