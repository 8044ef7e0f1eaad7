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
                + "is not a duration from 1 min to 7 d (write e.g. '90 min', '30 s', '1 d')");
    }

    @Test
    void shouldNameAnUnknownConfigurationKey() throws Exception {
        Path config = Files.writeString(work.resolve("cargowatch.yaml"), "stop:\n  maxMinutes: 90\n");

        int exit = run("replay", "--input", work.toString(), "--output", work.toString(), "--config", config.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("cargowatch: unknown configuration key 'stop.maxMinutes'");
    }

    @Test
    void shouldSayAMissingOptionInOneLineWithWhereTheHelpIs() {
        int exit = run("replay", "--input", work.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("cargowatch: missing required option: '--output=DIR' "
                + "(see 'cargowatch replay --help')" + System.lineSeparator());
    }

    @Test
    void shouldSuggestTheOptionMeantByAMisspeltOne() {
        int exit = run("replay", "--input", work.toString(), "--outptu", work.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).as("the misspelt option, not the --output it then lacks").isEqualTo(
                "cargowatch: unknown options: '--outptu', '" + work + "'; did you mean --output? "
                + "(see 'cargowatch replay --help')" + System.lineSeparator());
    }

    @Test
    void shouldSayAUsageErrorOfASubcommandInOneLine() {
        int exit = run("alert", "ack", "0123abcd", "--unit", "03CE");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("cargowatch: missing required option: '--by=NAME' "
                + "(see 'cargowatch alert ack --help')" + System.lineSeparator());
    }

    @Test
    void shouldSayAValueOfTheWrongTypeInOneLine() {
        int exit = run("simulate", "--out", work.toString(), "--trips", "many");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("cargowatch: invalid value for option '--trips': 'many' is not an int")
                .endsWith("(see 'cargowatch simulate --help')");
    }

    @Test
    void shouldSayWhatToDoWithoutACommand() {
        int exit = run();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("cargowatch: say what to do")
                .endsWith("(see 'cargowatch --help')");
    }

    @Test
    void shouldSuggestTheCommandMeantByAMisspeltOne() {
        int exit = run("replya");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("'replya'")
                .contains("did you mean replay").endsWith("(see 'cargowatch --help')");
    }
}
