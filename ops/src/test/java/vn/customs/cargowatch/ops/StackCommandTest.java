package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.servers.CargowatchHome;

/**
 * {@code stack} in a cargowatch folder that has no stack and no server jars: it says so in one line and starts
 * nothing. (The servers themselves are started for real by cargowatch-servers' tests, and by hand.)
 */
class StackCommandTest {

    @TempDir
    Path home;

    private final StringWriter err = new StringWriter();

    @BeforeEach
    void emptyCargowatchFolder() throws Exception {
        Files.writeString(home.resolve("cargowatch"), "#!/bin/sh\n");
        Files.writeString(home.resolve("pom.xml"), "<project/>\n");
        System.setProperty(CargowatchHome.PROPERTY, home.toString());
    }

    @AfterEach
    void forgetTheFolder() {
        System.clearProperty(CargowatchHome.PROPERTY);
    }

    private int run(String... args) {
        return Cargowatch.run(new PrintWriter(err, true), args);
    }

    @Test
    void shouldSayTheStackIsDownWithExitCode3() {
        assertThat(run("stack", "status")).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldTakeDownOfAStackThatIsNotUpCalmly() {
        assertThat(run("stack", "down")).isZero();
    }

    @Test
    void shouldSayInOneLineHowToBuildMissingServerJarsAndStartNothing() {
        int exit = run("stack", "up");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("cargowatch: " + home.resolve("ops/servers/kafka/target/lib")
                + " has no jars: build them with ./cargowatch build (or mvn -pl ops/servers/kafka generate-resources)");
        assertThat(home.resolve(".stack/stack.json")).doesNotExist();
    }

    @Test
    void shouldAskWhatToDo() {
        assertThat(run("stack")).isEqualTo(2);
        assertThat(err.toString()).contains("say what to do: up, status or down");
    }
}
