package vn.customs.cargowatch.ops.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.UserError;

class StagedOutputsTest {

    private static final List<String> NAMES = List.of("alerts.jsonl", "sms.jsonl");
    private static final StagedOutputs.Carry NOTHING = (unfinished, staging) -> "";

    @TempDir
    Path output;

    private final List<String> console = new ArrayList<>();

    @Test
    void shouldLeaveThePreviousOutputsUntilTheRunCommits() throws Exception {
        Files.writeString(output.resolve("alerts.jsonl"), "{\"old\":1}\n");

        try (StagedOutputs run = StagedOutputs.begin(output, NAMES, NOTHING, console::add)) {
            Files.writeString(run.dir().resolve("alerts.jsonl"), "{\"new\":1}\n");
            assertThat(output.resolve("alerts.jsonl")).hasContent("{\"old\":1}");

            run.commit();
        }

        assertThat(output.resolve("alerts.jsonl")).hasContent("{\"new\":1}");
        assertThat(hidden()).isEmpty();
        assertThat(console).isEmpty();
    }

    @Test
    void shouldDeleteAnOutputTheRunDidNotWriteAndKeepTheUsersFiles() throws Exception {
        Files.writeString(output.resolve("sms.jsonl"), "{\"sms\":1}\n");
        Files.writeString(output.resolve("notes.txt"), "mine");

        try (StagedOutputs run = StagedOutputs.begin(output, NAMES, NOTHING, console::add)) {
            Files.writeString(run.dir().resolve("alerts.jsonl"), "");
            run.commit();
        }

        assertThat(output.resolve("sms.jsonl")).doesNotExist();
        assertThat(output.resolve("alerts.jsonl")).exists();
        assertThat(output.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void shouldDiscardWhatARunThatDidNotFinishLeftAfterItsCarryAndSaySo() throws Exception {
        Files.writeString(output.resolve("alerts.jsonl"), "{\"old\":1}\n");
        Path unfinished;
        try (StagedOutputs killed = StagedOutputs.begin(output, NAMES, NOTHING, console::add)) {
            unfinished = killed.dir();
            Files.writeString(unfinished.resolve("alerts.jsonl"), "{\"cut");
        }
        List<String> carried = new ArrayList<>();

        try (StagedOutputs next = StagedOutputs.begin(output, NAMES, (dead, staging) -> {
            carried.add(Files.readString(dead.resolve("alerts.jsonl")) + " -> " + staging.getFileName());
            return "1 thing kept";
        }, console::add)) {
            assertThat(carried).containsExactly("{\"cut -> " + next.dir().getFileName());
            assertThat(unfinished).doesNotExist();
            assertThat(hidden()).containsExactly(next.dir());
        }

        assertThat(console).singleElement().asString().matches("The replay into " + output.toAbsolutePath()
                + " started at \\d{4}-\\d\\d-\\d\\dT\\S+Z did not finish; its partial outputs were discarded; "
                + "1 thing kept\\.");
        assertThat(output.resolve("alerts.jsonl")).hasContent("{\"old\":1}");
    }

    @Test
    void shouldFinishTheMovesOfARunStoppedWhileMakingThem() throws Exception {
        Files.writeString(output.resolve("alerts.jsonl"), "{\"old\":1}\n");
        Files.writeString(output.resolve("sms.jsonl"), "{\"old\":1}\n");
        Path done = Files.createDirectory(output.resolve(".replay-done-20261122T081500.000Z-4242-1"));
        Files.writeString(done.resolve("alerts.jsonl"), "{\"new\":1}\n");
        Files.writeString(done.resolve("lock"), "");

        try (StagedOutputs next = StagedOutputs.begin(output, NAMES, NOTHING, console::add)) {
            assertThat(output.resolve("alerts.jsonl")).hasContent("{\"new\":1}");
            assertThat(output.resolve("sms.jsonl")).as("not made by that run").doesNotExist();
            assertThat(output.resolve("lock")).doesNotExist();
            assertThat(done).doesNotExist();
        }

        assertThat(console).containsExactly("The replay into " + output.toAbsolutePath() + " started at "
                + "2026-11-22T08:15:00Z ended but was stopped while moving its outputs into place; they are in place "
                + "now.");
    }

    @Test
    void shouldRefuseToWriteWhereAnotherRunWrites() throws Exception {
        try (StagedOutputs running = StagedOutputs.begin(output, NAMES, NOTHING, console::add)) {
            Files.writeString(running.dir().resolve("alerts.jsonl"), "{\"half");

            assertThatThrownBy(() -> StagedOutputs.begin(output, NAMES, NOTHING, console::add))
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("another replay is writing into " + output.toAbsolutePath() + " since ");
            assertThat(running.dir().resolve("alerts.jsonl")).as("left alone").hasContent("{\"half");
            assertThat(hidden()).containsExactly(running.dir());
        }
    }

    private List<Path> hidden() throws Exception {
        try (Stream<Path> listed = Files.list(output)) {
            return listed.filter(path -> path.getFileName().toString().startsWith(".")).toList();
        }
    }
}
