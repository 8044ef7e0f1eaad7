package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.servers.CargowatchHome;

/**
 * The {@code cargowatch} launcher prints Vietnamese under any locale: with {@code LANG=C} a JVM writes its console as
 * ASCII, and every Vietnamese letter becomes '?'. The launcher's encoding options, read from the script, are given
 * to a JVM that writes as the command line does ({@code new PrintWriter(System.out)}, {@link Cargowatch#run}).
 */
class LauncherEncodingTest {

    static final String VIETNAMESE = "CẢNH BÁO Sai lộ trình — Chi cục Hải quan Gia Lâm";

    @TempDir
    Path work;

    /** Writes {@link #VIETNAMESE} to the console as the command line writes its output and its errors. */
    public static final class Print {
        public static void main(String[] args) {
            new PrintWriter(System.out, true).println(VIETNAMESE);
            new PrintWriter(System.err, true).println(VIETNAMESE);
        }
    }

    @Test
    void shouldPassItsEncodingOptionsToTheCommandLinesJvm() throws IOException {
        String script = Files.readString(CargowatchHome.root().resolve("cargowatch"));

        assertThat(script).containsPattern("exec java .*\"\\$\\{JAVA_ENCODING\\[@]}\"");
        assertThat(encodingOptions(script)).contains("-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8");
    }

    @Test
    void shouldPrintVietnameseWithLangC() throws Exception {
        List<String> options = encodingOptions(Files.readString(CargowatchHome.root().resolve("cargowatch")));

        assertThat(printed(options, "launched")).isEqualTo(new Console(VIETNAMESE, VIETNAMESE));
        assertThat(printed(List.of(), "plain").out()).as("without them, as the bug was").contains("?")
                .isNotEqualTo(VIETNAMESE);
    }

    /** The words of {@code JAVA_ENCODING=(...)} in the script. */
    private static List<String> encodingOptions(String script) {
        Matcher array = Pattern.compile("(?m)^JAVA_ENCODING=\\(([^)]*)\\)").matcher(script);
        assertThat(array.find()).as("JAVA_ENCODING=(...) in the launcher").isTrue();
        return Arrays.asList(array.group(1).trim().split("\\s+"));
    }

    /** What {@link Print} writes to its stdout and stderr, read as UTF-8. */
    record Console(String out, String err) {}

    /** {@link Print} in a JVM of its own with {@code options}, under LANG=C; {@code name} names its files. */
    private Console printed(List<String> options, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(CargowatchHome.javaExecutable()));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Print.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("LC_") || key.equals("JAVA_TOOL_OPTIONS")
                || key.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("LANG", "C");
        assertThat(builder.start().waitFor()).isZero();
        return new Console(Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8).strip(),
                Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8).strip());
    }
}
