package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.ops.cluster.FlinkSession;
import vn.customs.cargowatch.servers.CargowatchHome;

/**
 * The shaded job jar is what a cluster runs, and what compose runs beside Flink's lib ({@code java -cp
 * job.jar:/opt/flink/lib/* ... schema apply}): it holds neither the simulator nor the test SMSC nor the bench, it has
 * the slf4j API the Cassandra driver logs through, and with Flink's lib only (the stack's cluster's, as a Flink image
 * has it; not the launcher's classpath) it answers {@code schema} and refuses the launcher's commands in one line.
 */
class JobJarIT {

    @TempDir
    Path work;

    private record Ran(int exit, String output) {}

    private Ran alone(String... args) throws Exception {
        Path jar = FlinkSession.jobJar();
        Path log = work.resolve("out-" + System.nanoTime() + ".txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar + File.pathSeparator + CargowatchHome.serverLib("flink") + "/*",
                "vn.customs.cargowatch.ops.ClusterMain"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar's command ends").isTrue();
        return new Ran(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void shouldHoldTheJobWithoutTheSimulatorTheTestSmscOrTheBench() throws Exception {
        try (ZipFile jar = new ZipFile(FlinkSession.jobJar().toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();
            assertThat(entries).contains("vn/customs/cargowatch/ops/ClusterMain.class",
                    "vn/customs/cargowatch/ops/RunCommand.class", "org/slf4j/LoggerFactory.class",
                    "com/datastax/oss/driver/api/core/CqlSession.class");
            assertThat(entries).filteredOn(entry -> entry.startsWith("vn/customs/cargowatch/ops/simulator/")
                    || entry.startsWith("vn/customs/cargowatch/servers/")
                    || entry.startsWith("vn/customs/cargowatch/ops/bench/")
                    || entry.startsWith("org/apache/flink/runtime/")).isEmpty();
        }
    }

    @Test
    void shouldPrintAndApplyTheSchemaOnItsOwnAndRefuseTheLaunchersCommands() throws Exception {
        Ran print = alone("schema", "print");
        assertThat(print.exit()).as(print.output()).isZero();
        assertThat(print.output()).contains("CREATE KEYSPACE");

        // no Cassandra there: the driver starts (its logging included) and the mistake is one plain line
        Path config = Files.writeString(work.resolve("nowhere.yaml"),
                "cassandra:\n  contactPoints: 127.0.0.1:1\n");
        Ran apply = alone("schema", "apply", "--config", config.toString());
        assertThat(apply.exit()).as(apply.output()).isEqualTo(2);
        assertThat(apply.output()).contains("cargowatch: ").doesNotContain("NoClassDefFoundError")
                .doesNotContain("\tat ");

        Ran demo = alone("demo");
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.output()).contains("'demo'").doesNotContain("\tat ");
    }
}
