package vn.customs.cargowatch.servers;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the cargowatch repository is, and in it the servers' jars.
 *
 * <p>The root is the system property {@code cargowatch.home} if set; else the first folder holding both the
 * {@code cargowatch} launcher script and a {@code pom.xml}, walking up from the working directory (tests run in
 * their module's folder), then from where this class was loaded (the command line may run from anywhere).
 */
public final class CargowatchHome {

    public static final String PROPERTY = "cargowatch.home";

    private CargowatchHome() {}

    public static Path root() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        return findUpwards(Path.of("").toAbsolutePath())
                .or(() -> containing(CargowatchHome.class))
                .orElseThrow(() -> new IllegalStateException("cannot find the cargowatch folder (with the cargowatch "
                        + "script and pom.xml) above " + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY));
    }

    /**
     * The folder with a server's jars, {@code ops/servers/<name>/target/lib}, which the Maven build fills.
     *
     * @throws IllegalStateException if it is missing or empty, saying how to build it
     */
    public static Path serverLib(String name) {
        Path lib = root().resolve("ops/servers").resolve(name).resolve("target/lib");
        try (var jars = Files.list(lib)) {
            if (jars.anyMatch(jar -> jar.toString().endsWith(".jar"))) {
                return lib;
            }
        } catch (IOException e) {
            // Missing: said below.
        }
        throw new IllegalStateException(lib + " has no jars: build them with ./cargowatch build "
                + "(or mvn -pl ops/servers/" + name + " generate-resources)");
    }

    /** The java of this JVM, so that the servers run on the same JDK as whoever starts them. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> Path.of(command).getFileName().toString().equals("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Optional<Path> findUpwards(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("cargowatch")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /**
     * The cargowatch folder above where {@code type} was loaded from (its jar or classes folder), if any: the
     * command line uses it so that a stack belongs to the checkout whose {@code ./cargowatch} runs it.
     */
    public static Optional<Path> containing(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : findUpwards(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The first file in {@code target} (a module's Maven build folder) whose name matches {@code fileName}, a regular
     * expression: a jar Maven packaged there; empty when the folder or the jar is not there (not built yet).
     */
    public static Optional<Path> builtJar(Path target, String fileName) throws IOException {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(fileName)).findFirst();
        }
    }
}
