package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import vn.customs.cargowatch.connectors.kafka.KafkaInputs;
import vn.customs.cargowatch.jobs.CargowatchPipeline;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * Savepoint safety: Flink matches a savepoint's state to operators by uid, so a refactor that renames or drops a
 * stateful operator's uid orphans its state (the restore fails, or with --allowNonRestoredState loses it in silence).
 * The production graph — {@code run}'s: Kafka in, Kafka, Cassandra and SMS out — must give every operator an explicit
 * uid, and exactly the uids pinned in {@code operator-uids.txt}. Change that file only with the change that knowingly
 * drops or moves state, and say so in its commit.
 */
class OperatorUidsTest {

    private static final Path PINNED = Path.of("src/test/resources/operator-uids.txt");

    private static StreamGraph productionGraph() {
        ConfigFile.Settings settings = ConfigFile.settings(null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setMaxParallelism(settings.seal().maxParallelism());
        new CargowatchPipeline(new KafkaInputs(settings.kafka()), RunCommand.outputs(settings), settings.seal(),
                settings.gate(), settings.sms()).build(env);
        return env.getStreamGraph();
    }

    @Test
    void shouldGiveEveryOperatorOfTheProductionGraphItsPinnedUid() throws Exception {
        List<StreamNode> nodes = List.copyOf(productionGraph().getStreamNodes());

        assertThat(nodes).as("operators without an explicit uid (Flink would derive one from the graph's shape)")
                .filteredOn(node -> node.getTransformationUID() == null)
                .extracting(StreamNode::getOperatorName).isEmpty();
        List<String> uids = nodes.stream().map(StreamNode::getTransformationUID).filter(Objects::nonNull)
                .sorted().toList();
        assertThat(uids).as("uids are unique").doesNotHaveDuplicates();
        List<String> pinned = Files.readAllLines(PINNED, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(uids).as("the production graph's uids against %s", PINNED).containsExactlyElementsOf(pinned);
    }
}
