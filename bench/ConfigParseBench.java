import io.pipecat.cli.config.ConfigFile;
import io.pipecat.cli.config.TomlDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One measurement of bench/config-parse.sh, run in a fresh JVM like the CLI: writes a generated
 * config file of one shape and size into a folder, then times {@code ConfigFile.read()} ("read")
 * or a use-pat-like {@code ConfigFile.update} of it ("update").
 *
 * <p>Usage: {@code ConfigParseBench read|update SHAPE BYTES FOLDER}. Prints
 * {@code SHAPE BYTES MS OUTCOME}; OUTCOME is {@code ok} or the error's first line. Shapes are
 * written as the CLI writes files (a blank line before each table), so a rewrite keeps the size;
 * "empty-tables" is the most tables per byte and meets the 65,536 keys/tables limit first.
 */
public final class ConfigParseBench {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String shape = args[1];
        int bytes = Integer.parseInt(args[2]);
        Path file = Path.of(args[3]).resolve("pipecatcloud.toml");
        Files.writeString(file, generate(shape, bytes), StandardCharsets.UTF_8);
        ConfigFile config = new ConfigFile(file, line -> {});
        String outcome = "ok";
        long start = System.nanoTime();
        try {
            if (mode.equals("read")) {
                config.read();
            } else {
                config.update(ConfigParseBench::usePat);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            outcome = String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " ("
                    + e.getClass().getSimpleName() + ")";
        }
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("%s %d %.1f %s%n", shape, Files.size(file), micros / 1000.0, outcome);
    }

    /** What use-pat stores: a PAT, no refresh token, expiry 0, the active organization. */
    private static void usePat(TomlDocument doc) {
        doc.root().put("token", "pcc_pat_bench");
        doc.root().put("refresh_token", "");
        doc.root().put("token_expires_at", 0L);
        doc.root().put("org", "acme");
    }

    /** About {@code bytes} of valid TOML of the given shape (never more). */
    static String generate(String shape, int bytes) {
        StringBuilder sb = new StringBuilder("token = \"pcc_pat_old\"\norg = \"acme\"\n");
        switch (shape) {
            case "comments-1k" -> repeat(sb, bytes, i -> "# " + "c".repeat(1021) + "\n");
            case "comments-64" -> repeat(sb, bytes, i -> "# " + "c".repeat(61) + "\n");
            case "blank-lines" -> repeat(sb, bytes, i -> "\n");
            case "strings-1k" -> repeat(sb, bytes, i -> "\n[s" + i + "]\nvalue = \"" + "v".repeat(1000) + "\"\n");
            case "multiline-string" -> {
                sb.append("[m]\ntext = \"\"\"\n");
                repeat(sb, bytes - 4, i -> "# not a comment, line " + i + "\n");
                sb.append("\"\"\"\n");
            }
            case "tables" ->
                repeat(
                        sb,
                        bytes,
                        i -> "\n[org-" + i + "]\ndefault_public_key = \"pk_" + i
                                + "\"\ndefault_public_key_name = \"Key " + i + "\"\n");
            case "empty-tables" -> repeat(sb, bytes, i -> "\n[o" + i + "]\n");
            case "array-comments" -> {
                sb.append("[a]\nitems = [\n");
                repeat(sb, bytes - 2, i -> i % 8 == 0 ? "  " + i + ",\n" : "  # comment " + i + "\n");
                sb.append("]\n");
            }
            case "deep-tables" -> {
                String prefix = "d.".repeat(100);
                repeat(sb, bytes, i -> "\n[" + prefix + "k" + i + "]\nv = \"" + "v".repeat(2000) + "\"\n");
            }
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        }
        return sb.toString();
    }

    private static void repeat(StringBuilder sb, int bytes, java.util.function.IntFunction<String> unit) {
        for (int i = 0; ; i++) {
            String next = unit.apply(i);
            if (sb.length() + next.length() > bytes) {
                return;
            }
            sb.append(next);
        }
    }
}
