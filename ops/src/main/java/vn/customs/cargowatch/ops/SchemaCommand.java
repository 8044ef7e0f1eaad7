package vn.customs.cargowatch.ops;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.customs.cargowatch.connectors.cassandra.CassandraSchema;
import vn.customs.cargowatch.connectors.cassandra.CassandraSessions;
import vn.customs.cargowatch.connectors.cassandra.CassandraSettings;
import vn.customs.cargowatch.ops.config.ConfigFile;

/**
 * {@code ./cargowatch schema apply|print}: the Cassandra keyspace and tables of the outputs ({@code
 * cql/cargowatch.cql}, docs/cassandra.md). Every statement is {@code CREATE ... IF NOT EXISTS} or {@code ALTER
 * TABLE ... ADD IF NOT EXISTS}: applying again changes nothing, and says so; a table that exists is left as it is,
 * options included, but gets the columns added to it since.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Create cargowatch's Cassandra keyspace and tables (docs/cassandra.md).")
final class SchemaCommand implements Runnable {

    static final String SCRIPT = "/cql/cargowatch.cql";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: apply or print");
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Create the keyspace and the tables that do not exist yet; print what it did.")
    int apply(@Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (cassandra.contactPoints, .localDatacenter, .keyspace, "
                    + ".replicationFactor, .username; the password in CARGOWATCH_CASSANDRA_PASSWORD)") Path config) {
        CassandraSettings settings = ConfigFile.cassandra(config);
        int replicationFactor = ConfigFile.cassandraReplicationFactor(config);
        List<String> statements = statements(settings.keyspace(), replicationFactor);
        System.out.println("Applying the cargowatch schema to Cassandra at " + String.join(", ",
                settings.contactPoints()) + " (keyspace " + settings.keyspace() + ", replication factor "
                + replicationFactor + ") ...");
        long begin = System.nanoTime();
        int created;
        try (CqlSession session = CassandraSessions.openWithoutKeyspace(settings)) {
            created = CassandraSchema.apply(session, statements, line -> System.out.println("  " + line));
        } catch (AllNodesFailedException e) {
            throw new UserError(unreachable(settings, e));
        } catch (DriverException e) {
            throw new UserError("Cassandra refused the schema: " + firstLine(e));
        }
        System.out.printf("Done in %.1f s: %d created, %d existed already.%n", (System.nanoTime() - begin) / 1e9,
                created, statements.size() - created);
        return 0;
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print the statements apply runs, with the configuration's keyspace and replication.")
    int print(@Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (cassandra.*)")
            Path config) {
        for (String statement : statements(ConfigFile.cassandra(config).keyspace(),
                ConfigFile.cassandraReplicationFactor(config))) {
            System.out.println(statement + ";\n");
        }
        return 0;
    }

    static List<String> statements(String keyspace, int replicationFactor) {
        return CassandraSchema.statements(script(), CassandraSchema.placeholders(keyspace, replicationFactor));
    }

    static String script() {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath: rebuild (./cargowatch build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCRIPT, e);
        }
    }

    /** Why no node answered, in one line: a refused login, or no answer at all. */
    static String unreachable(CassandraSettings settings, AllNodesFailedException e) {
        String where = String.join(", ", settings.contactPoints());
        List<Throwable> errors = e.getAllErrors().values().stream().flatMap(List::stream).toList();
        for (Throwable error : errors) {
            if (error instanceof AuthenticationException) {
                return "Cassandra at " + where + " refused the login of '" + settings.username() + "': "
                        + firstLine(error);
            }
        }
        String cause = errors.isEmpty() ? "no node available" : errors.get(0).getClass().getSimpleName();
        return "cannot reach Cassandra at " + where + " (" + cause + "; is it up? ./cargowatch stack up)";
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
