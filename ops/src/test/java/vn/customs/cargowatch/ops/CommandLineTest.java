package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistake is one plain line and exit code 2 — never a stack trace. */
class CommandLineTest {

    @TempDir
    Path work;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cargowatch.run(new PrintWriter(err, true), args);
    }

    @Test
    void shouldSayInOneLineThatTheInputFolderIsMissing() {
        int exit = run("replay", "--input", work.resolve("nowhere").toString(), "--output", work.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: input folder " + work.resolve("nowhere")
                + " does not exist or is not a folder");
    }

    @Test
    void shouldSayThatTheInputFolderHasNoInputFiles() throws Exception {
        Files.writeString(work.resolve("notes.txt"), "hello");

        int exit = run("replay", "--input", work.toString(), "--output", work.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: input folder " + work + " has none of the input files")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldNameAConfigurationKeyWithABadValue() throws Exception {
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "stop:\n  maxDuration: ninety minutes\n");
        Files.writeString(work.resolve("seal.fixes.jsonl"), "");

        int exit = run("replay", "--input", work.toString(), "--output", work.resolve("out").toString(),
                "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: configuration: stop.maxDuration: 'ninety minutes' "
                + "is not a positive duration (write e.g. '90 min', '30 s', '1 d')");
    }

    @Test
    void shouldNameAnUnknownConfigurationKey() throws Exception {
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "stop:\n  maxMinutes: 90\n");

        int exit = run("replay", "--input", work.toString(), "--output", work.toString(), "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: unknown configuration key 'stop.maxMinutes'");
    }

    @Test
    void shouldExplainAMissingOptionWithTheUsage() {
        int exit = run("replay", "--input", work.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--output=DIR'").contains("Usage:");
    }
}
