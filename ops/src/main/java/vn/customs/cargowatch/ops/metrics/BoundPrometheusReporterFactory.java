package vn.customs.cargowatch.ops.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Properties;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter, served on a chosen address instead of every interface.
 *
 * <p>Flink's own {@code PrometheusReporterFactory} takes only a port: its endpoint listens on all interfaces,
 * which on an officer's or analyst's workstation publishes the job's metrics to the whole office network. This
 * factory keeps Flink's reporter (metric names, labels and types are Flink's {@link AbstractPrometheusReporter})
 * and only binds its HTTP endpoint to {@code host} (default 127.0.0.1) on the first free port of {@code port}
 * (a port or a range such as {@code 9249-9259}). On a cluster the stock factory is used; containers choose
 * their own network.
 */
public final class BoundPrometheusReporterFactory implements MetricReporterFactory {

    public static final String HOST = "host";
    public static final String PORT = "port";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new BoundPrometheusReporter(properties.getProperty(HOST, "127.0.0.1"),
                new PortRange(properties.getProperty(PORT, "9249")));
    }

    /** The reporter with its endpoint; {@link #port()} is the port it got. */
    static final class BoundPrometheusReporter extends AbstractPrometheusReporter {
        private final HTTPServer server;

        BoundPrometheusReporter(String host, PortRange ports) {
            CollectorRegistry registry = registryOf(this);
            IOException last = null;
            Iterator<Integer> candidates = ports.getPortsIterator();
            HTTPServer started = null;
            while (started == null && candidates.hasNext()) {
                int port = candidates.next();
                try {
                    started = new HTTPServer(new InetSocketAddress(host, port), registry, true);
                } catch (IOException busy) {
                    last = busy;
                }
            }
            if (started == null) {
                throw new UncheckedIOException("no free port for the Prometheus endpoint on " + host + ":" + ports,
                        last != null ? last : new IOException("empty port range"));
            }
            server = started;
            log.info("Prometheus endpoint on http://{}:{}/metrics", host, server.getPort());
        }

        int port() {
            return server.getPort();
        }

        @Override
        public void close() {
            server.stop();
            super.close();
        }

        /**
         * The reporter's registry is package-private in Flink 2.2 and Flink offers no other way to serve it;
         * a unit test fails if a Flink upgrade renames it.
         */
        private static CollectorRegistry registryOf(AbstractPrometheusReporter reporter) {
            try {
                Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
                field.setAccessible(true);
                return (CollectorRegistry) field.get(reporter);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this Flink's Prometheus reporter has no registry field", e);
            }
        }
    }
}
