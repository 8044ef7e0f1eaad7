package vn.customs.cargowatch.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Tests run in the module's folder: the repository is found above it, and the servers' jars in it. */
class CargowatchHomeTest {

    @Test
    void shouldFindTheRepositoryAboveTheWorkingDirectory() {
        Path root = CargowatchHome.root();

        assertThat(root.resolve("cargowatch")).isRegularFile();
        assertThat(root.resolve("ops/servers/launcher/pom.xml")).isRegularFile();
    }

    @Test
    void shouldSayHowToBuildMissingServerJars() {
        assertThatThrownBy(() -> CargowatchHome.serverLib("no-such-server"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ops/servers/no-such-server/target/lib has no jars: "
                        + "build them with ./cargowatch build");
    }

    @Test
    void shouldRunTheServersOnThisJvmsJava() {
        assertThat(Path.of(CargowatchHome.javaExecutable())).isExecutable();
        assertThat(Files.isDirectory(CargowatchHome.serverLib("kafka"))).isTrue();
    }
}
