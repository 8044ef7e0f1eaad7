package vn.customs.cargowatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.cargowatch.jobs.config.Keys;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * deploy/kubernetes is applied to clusters nobody runs from here (no Kubernetes on the build machines), so what the
 * API server or the Flink Kubernetes Operator would refuse, and what would run but wrongly, is checked here:
 * flinkdeployment.yaml is a FlinkDeployment by the operator's own CRD schema; its key choices (application mode on the
 * image's jar, savepoint upgrades, Kubernetes HA, state on durable storage, Flink's Prometheus reporter where the pods
 * are scraped) are the ones README "On Kubernetes" describes; the ConfigMap's cargowatch.yaml loads with cargowatch's
 * own loader and agrees with the FlinkDeployment; no manifest holds a password.
 *
 * <p>The schema is the CRD of {@code flink-kubernetes-operator-api} 1.10.0, the one operator artifact that resolves
 * here, read from its {@code META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml}: the CRD in the
 * apiextensions.k8s.io/v1 form the operator's Helm chart installs (the jar's {@code -v1beta1.yml} is the same resource
 * in the CRD form Kubernetes 1.22 removed). Its {@code flinkVersion} enum stops at {@code v1_20}, and Flink 2.2 needs
 * operator <b>1.13.0 or later</b>: {@code v2_0} came with operator 1.11.0 (FLINK-37236), {@code v2_1} and {@code v2_2}
 * with 1.13.0 (FLINK-38147), as the operator repository's {@code FlinkVersion.java} and the CRD of its tag
 * release-1.13.0 show. So the 1.10.0 schema is used with that one enum widened by {@code v2_2} and nothing else. The
 * 1.13.0 CRD's FlinkDeployment spec differs from it otherwise only by newer Pod fields,
 * {@code job.autoscalerResetNonce} and a {@code flinkConfiguration} that takes any YAML rather than text only: a
 * manifest valid here is valid there.
 *
 * <p>OpenAPI v3 schema objects as Kubernetes uses them are draft-04 JSON Schema plus {@code x-kubernetes-*} keywords.
 * Kubernetes keeps no field a schema does not name (it prunes them; kubectl's strict field validation refuses them)
 * unless {@code x-kubernetes-preserve-unknown-fields} says so, so each object schema with properties is made closed
 * ({@code additionalProperties: false}) here, which is what makes a misspelt field fail; the other
 * {@code x-kubernetes-*} keywords are dropped ({@code int-or-string} repeats its {@code anyOf}).
 */
class KubernetesManifestsTest {

    private static final Path FOLDER = Path.of("..", "deploy", "kubernetes");
    private static final String CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    private static final String API_VERSION = "flink.apache.org/v1beta1";
    private static final String KIND = "FlinkDeployment";
    private static final String FLINK_VERSION = "v2_2";
    private static final String PLACEHOLDER = "REPLACE-ME";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A validation message as the tests look at it: its keyword, and where (an unknown field: the field). */
    record Problem(String keyword, String at) {
        static Problem of(ValidationMessage message) {
            String at = message.getInstanceLocation().toString();
            boolean unknownField = message.getType().equals("additionalProperties");
            return new Problem(message.getType(), unknownField ? at + "." + message.getProperty() : at);
        }
    }

    // ---- the operator's schema ----

    @Test
    void shouldBeAValidFlinkDeployment() {
        assertThat(problems(flinkDeployment())).isEmpty();
    }

    @Test
    void shouldRejectAMisspeltField() {
        JsonNode inJob = changed(job -> job.set("upgradeMod", job.remove("upgradeMode")), "spec", "job");
        JsonNode inSpec = changed(spec -> spec.set("flinkConfig", spec.remove("flinkConfiguration")), "spec");
        JsonNode inPod = changed(container -> container.set("volumeMount", container.remove("volumeMounts")),
                "spec", "podTemplate", "spec", "containers", "0");

        assertThat(problems(inJob)).containsExactly(new Problem("additionalProperties", "$.spec.job.upgradeMod"));
        assertThat(problems(inSpec)).containsExactly(new Problem("additionalProperties", "$.spec.flinkConfig"));
        assertThat(problems(inPod)).containsExactly(
                new Problem("additionalProperties", "$.spec.podTemplate.spec.containers[0].volumeMount"));
    }

    @Test
    void shouldRejectAnUpgradeModeTheOperatorDoesNotKnow() {
        JsonNode manifest = changed(job -> job.put("upgradeMode", "savepoints"), "spec", "job");

        assertThat(problems(manifest)).containsExactly(new Problem("enum", "$.spec.job.upgradeMode"));
    }

    @Test
    void shouldRejectAFlinkVersionTheOperatorDoesNotKnow() {
        JsonNode manifest = changed(spec -> spec.put("flinkVersion", "v9_9"), "spec");

        assertThat(problems(manifest)).containsExactly(new Problem("enum", "$.spec.flinkVersion"));
    }

    @Test
    void shouldRejectAValueOfTheWrongType() {
        JsonNode manifest = changed(job -> job.put("parallelism", "two"), "spec", "job");

        assertThat(problems(manifest)).containsExactly(new Problem("type", "$.spec.job.parallelism"));
    }

    /** The schema is widened for v2_2, which the manifest needs; an operator-api that knows v2_2 makes it unneeded. */
    @Test
    void shouldNeedTheFlinkVersionTheSchemaIsWidenedBy() {
        List<String> published = new ArrayList<>();
        publishedSchema().at("/properties/spec/properties/flinkVersion/enum").forEach(v -> published.add(v.asText()));

        assertThat(published).as("the CRD of operator-api 1.10.0; with one that knows v2_2, drop the widening")
                .endsWith("v1_20").doesNotContain(FLINK_VERSION);
        assertThat(flinkDeployment().at("/spec/flinkVersion").asText()).isEqualTo(FLINK_VERSION);
    }

    // ---- the choices ----

    @Test
    void shouldRunTheImagesJobJarInApplicationMode() {
        JsonNode job = flinkDeployment().at("/spec/job");
        String mountPath = mount("cargowatch-config").get("mountPath").asText();
        String configKey = configMap().get("data").fieldNames().next();

        assertThat(job.get("jarURI").asText()).isEqualTo("local://" + dockerfileCopyDestination());
        assertThat(job.get("entryClass").asText()).isEqualTo(ClusterMain.class.getName());
        assertThat(YAML.convertValue(job.get("args"), List.class))
                .containsExactly("run", "--config", mountPath + "/" + configKey);
        assertThat(volume("cargowatch-config").at("/configMap/name").asText())
                .isEqualTo(configMap().at("/metadata/name").asText());
    }

    @Test
    void shouldBuildTheImageFromFlinkWithTheJobJar() throws IOException {
        List<String> instructions = Files.readAllLines(FOLDER.resolve("Dockerfile")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(instructions.get(0)).isEqualTo("FROM flink:2.2.1-java17");
        assertThat(dockerfileCopyDestination()).isEqualTo("/opt/flink/usrlib/cargowatch.jar");
    }

    /** OpenCV's natives must be loaded by Flink's own classloader, which a job's restart does not replace. */
    @Test
    void shouldPutOpenCvInFlinksLibWhereTheBuildLeavesIt() throws IOException {
        List<String> copies = Files.readAllLines(FOLDER.resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY ") && line.contains("flink-lib/")).toList();

        assertThat(copies).singleElement().satisfies(copy -> assertThat(copy.trim().split("\\s+"))
                .endsWith("flink-lib/", "/opt/flink/lib/"));
    }

    @Test
    void shouldUpgradeThroughASavepoint() {
        assertThat(flinkDeployment().at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(flinkDeployment().at("/spec/job/state").asText()).isEqualTo("running");
    }

    @Test
    void shouldKeepItsStateAndHighAvailabilityOffThePods() {
        JsonNode flink = flinkDeployment().at("/spec/flinkConfiguration");

        assertThat(flink.get("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.get("state.backend.type").asText()).as("keyed state off the heap").isEqualTo("rocksdb");
        for (String key : List.of("high-availability.storageDir", "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir")) {
            URI uri = URI.create(flink.get(key).asText());
            assertThat(uri.getScheme()).as(key + ": durable storage, not a pod's disk").isNotNull()
                    .isNotEqualTo("file");
        }
    }

    /** The job sets its checkpoint folder and interval from cargowatch.yaml, over the FlinkDeployment's. */
    @Test
    void shouldCheckpointWhereAndAsOftenAsTheJobDoes(@TempDir Path folder) {
        JsonNode flink = flinkDeployment().at("/spec/flinkConfiguration");
        Map<String, String> values = ConfigFile.load(cargowatchYaml(folder), Map.of());

        assertThat(values.get(Keys.CHECKPOINT_DIR.name())).isEqualTo(flink.get("execution.checkpointing.dir").asText());
        assertThat(Keys.CHECKPOINT_INTERVAL.read(values))
                .isEqualTo(TimeUtils.parseDuration(flink.get("execution.checkpointing.interval").asText()));
    }

    @Test
    void shouldServeFlinksPrometheusReporterWhereThePodsAreScraped() {
        JsonNode flink = flinkDeployment().at("/spec/flinkConfiguration");
        JsonNode annotations = flinkDeployment().at("/spec/podTemplate/metadata/annotations");
        JsonNode port = flinkDeployment().at("/spec/podTemplate/spec/containers/0/ports/0");

        assertThat(flink.get("metrics.reporter.prom.factory.class").asText())
                .isEqualTo(PrometheusReporterFactory.class.getName());
        assertThat(flink.get("metrics.reporter.prom.port").asText()).isEqualTo("9249");
        assertThat(annotations.get("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.get("prometheus.io/port").asText()).isEqualTo("9249");
        assertThat(port.get("name").asText()).isEqualTo("metrics");
        assertThat(port.get("containerPort").asInt()).isEqualTo(9249);
    }

    @Test
    void shouldKeepTheSmsLedgerOnAVolumeEveryPodShares(@TempDir Path folder) {
        Map<String, String> values = ConfigFile.load(cargowatchYaml(folder), Map.of());
        JsonNode claim = only(FOLDER.resolve("sms-ledger.yaml"));

        assertThat(values.get(Keys.SMS_LEDGER.name())).startsWith(mount("sms-ledger").get("mountPath").asText() + "/");
        assertThat(volume("sms-ledger").at("/persistentVolumeClaim/claimName").asText())
                .isEqualTo(claim.at("/metadata/name").asText());
        assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
    }

    // ---- the configuration and the passwords ----

    @Test
    void shouldMountAConfigurationCargowatchLoads(@TempDir Path folder) {
        Map<String, String> values = ConfigFile.load(cargowatchYaml(folder), Map.of());

        assertThat(values.get(Keys.KAFKA_BOOTSTRAP_SERVERS.name())).isEqualTo("cargowatch-kafka-bootstrap.kafka:9092");
        assertThat(values.get(Keys.CASSANDRA_CONTACT_POINTS.name())).isEqualTo("cargowatch-dc1-service.cassandra:9042");
        assertThat(Keys.METRICS_PORT.read(values)).as("Flink's reporter serves the metrics").isEmpty();
        assertThat(values).as("the FlinkDeployment's parallelism and state backend decide")
                .doesNotContainKeys(Keys.PARALLELISM.name(), Keys.STATE_BACKEND.name());
    }

    @Test
    void shouldRefuseAKeyCargowatchDoesNotKnow(@TempDir Path folder) throws IOException {
        Path file = cargowatchYaml(folder);
        Files.writeString(file, Files.readString(file) + "kafka.bootstrapServer: cargowatch-kafka-bootstrap:9092\n");

        assertThatThrownBy(() -> ConfigFile.load(file, Map.of())).isInstanceOf(UserError.class)
                .hasMessageStartingWith("unknown configuration key 'kafka.bootstrapServer'");
    }

    @Test
    void shouldTakeThePasswordsFromSecrets() {
        List<JsonNode> secrets = all(FOLDER.resolve("secrets.example.yaml"));
        Map<String, String> passwords = Map.of(ConfigFile.CASSANDRA_PASSWORD_VARIABLE, "cargowatch-cassandra",
                ConfigFile.SMPP_PASSWORD_VARIABLE, "cargowatch-smpp",
                vn.customs.cargowatch.model.ActionSignature.KEY_VARIABLE, "cargowatch-actions");

        passwords.forEach((variable, secret) -> {
            JsonNode reference = env(variable).at("/valueFrom/secretKeyRef");
            assertThat(reference.get("name").asText()).as(variable).isEqualTo(secret);
            assertThat(secrets).as(variable + ": a Secret of secrets.example.yaml with that key").anyMatch(s ->
                    s.at("/metadata/name").asText().equals(secret)
                            && s.at("/stringData").has(reference.get("key").asText()));
        });
    }

    /** A password is a placeholder of secrets.example.yaml, marked as such; no other file, nor the config, has one. */
    @Test
    void shouldHoldNoPassword(@TempDir Path folder) throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(FOLDER)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(manifests).contains(FOLDER.resolve("secrets.example.yaml"));

        for (Path manifest : manifests) {
            for (JsonNode document : all(manifest)) {
                if (manifest.endsWith("secrets.example.yaml")) {
                    assertThat(document.get("kind").asText()).isEqualTo("Secret");
                    assertThat(document.has("data")).as("placeholders in stringData, in plain sight").isFalse();
                    document.get("stringData").forEach(value ->
                            assertThat(value.asText()).as(manifest.toString()).startsWith(PLACEHOLDER));
                } else {
                    assertThat(passwordValues(document)).as(manifest.toString()).isEmpty();
                }
            }
        }
        assertThat(passwordValues(YAML.readTree(cargowatchYaml(folder).toFile()))).isEmpty();
        for (JsonNode variable : flinkDeployment().at("/spec/podTemplate/spec/containers/0/env")) {
            if (variable.get("name").asText().contains("PASSWORD") || variable.get("name").asText().endsWith("_KEY")) {
                assertThat(variable.has("value")).as(variable.get("name").asText() + " from a Secret").isFalse();
            }
        }
    }

    // ---- the manifests ----

    private static JsonNode flinkDeployment() {
        return only(FOLDER.resolve("flinkdeployment.yaml"));
    }

    private static JsonNode configMap() {
        return only(FOLDER.resolve("configmap.yaml"));
    }

    /** The ConfigMap's cargowatch.yaml, as the file the job is given. */
    private static Path cargowatchYaml(Path folder) {
        try {
            return Files.writeString(folder.resolve("cargowatch.yaml"),
                    configMap().at("/data/cargowatch.yaml").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest with the object at {@code path} (field names, array indexes) changed. */
    private static JsonNode changed(Consumer<ObjectNode> change, String... path) {
        JsonNode manifest = flinkDeployment();
        JsonNode node = manifest;
        for (String step : path) {
            node = node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
        }
        change.accept((ObjectNode) node);
        return manifest;
    }

    private static JsonNode env(String name) {
        for (JsonNode variable : flinkDeployment().at("/spec/podTemplate/spec/containers/0/env")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no environment variable " + name + " in the pod template");
    }

    private static JsonNode mount(String volume) {
        return named(flinkDeployment().at("/spec/podTemplate/spec/containers/0/volumeMounts"), volume);
    }

    private static JsonNode volume(String name) {
        return named(flinkDeployment().at("/spec/podTemplate/spec/volumes"), name);
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("nothing named " + name + " in " + list);
    }

    /** Where the Dockerfile copies the job jar to. */
    private static String dockerfileCopyDestination() {
        try {
            List<String> copies = Files.readAllLines(FOLDER.resolve("Dockerfile")).stream()
                    .filter(line -> line.startsWith("COPY ") && line.contains("-job.jar")).toList();
            assertThat(copies).hasSize(1);
            String[] words = copies.get(0).trim().split("\\s+");
            return words[words.length - 1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scalar values of fields whose name says password, anywhere in the document. */
    private static List<String> passwordValues(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().toLowerCase().contains("password") && field.getValue().isValueNode()) {
                    found.add(field.getKey() + ": " + field.getValue().asText());
                }
                found.addAll(passwordValues(field.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(item -> found.addAll(passwordValues(item)));
        }
        return found;
    }

    private static JsonNode only(Path file) {
        List<JsonNode> documents = all(file);
        assertThat(documents).as(file.toString()).hasSize(1);
        return documents.get(0);
    }

    private static List<JsonNode> all(Path file) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the schema ----

    private static Set<Problem> problems(JsonNode manifest) {
        Set<ValidationMessage> messages = Schema.FLINK_DEPLOYMENT.validate(manifest);
        return Set.copyOf(messages.stream().map(Problem::of).toList());
    }

    private static JsonNode publishedSchema() {
        try (InputStream crd = KubernetesManifestsTest.class.getClassLoader().getResourceAsStream(CRD)) {
            assertThat(crd).as(CRD + " on the test classpath (flink-kubernetes-operator-api)").isNotNull();
            for (JsonNode version : YAML.readTree(crd).at("/spec/versions")) {
                if (version.get("name").asText().equals("v1beta1")) {
                    return version.at("/schema/openAPIV3Schema");
                }
            }
            throw new AssertionError("no version v1beta1 in " + CRD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published schema as draft-04 JSON Schema, closed as Kubernetes closes it, and knowing {@code v2_2}. */
    private static final class Schema {

        static final JsonSchema FLINK_DEPLOYMENT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(convert(publishedSchema()));

        private static JsonNode convert(JsonNode openApi) {
            ObjectNode schema = openApi.deepCopy();
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            // Kubernetes adds these to every custom resource's schema itself.
            ObjectNode properties = (ObjectNode) schema.get("properties");
            properties.set("apiVersion", nodes.objectNode().set("enum", nodes.arrayNode().add(API_VERSION)));
            properties.set("kind", nodes.objectNode().set("enum", nodes.arrayNode().add(KIND)));
            properties.set("metadata", nodes.objectNode().put("type", "object"));
            ((ArrayNode) schema.at("/properties/spec/properties/flinkVersion/enum")).add(FLINK_VERSION);
            closed(schema);
            return schema;
        }

        /** Closes each object schema with properties, unless it preserves unknown fields; drops x-kubernetes-*. */
        private static void closed(JsonNode node) {
            if (!node.isObject()) {
                return;
            }
            ObjectNode schema = (ObjectNode) node;
            boolean preserves = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (schema.has("properties") && !schema.has("additionalProperties") && !preserves) {
                schema.put("additionalProperties", false);
            }
            List<String> kubernetes = new ArrayList<>();
            schema.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("x-kubernetes-")) {
                    kubernetes.add(name);
                }
            });
            schema.remove(kubernetes);
            schema.path("properties").forEach(Schema::closed);
            closed(schema.path("items"));
            closed(schema.path("additionalProperties"));
            for (String combination : List.of("anyOf", "allOf", "oneOf")) {
                schema.path(combination).forEach(Schema::closed);
            }
            closed(schema.path("not"));
        }
    }
}
