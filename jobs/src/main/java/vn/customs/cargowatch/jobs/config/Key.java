package vn.customs.cargowatch.jobs.config;

/** One configuration key: its name in the YAML file, its default, and one line of documentation. */
public record Key(String name, String defaultValue, String doc) {

    /** The environment variable that overrides it: {@code stop.maxDuration} → {@code CARGOWATCH_STOP_MAXDURATION}. */
    public String environmentVariable() {
        return "CARGOWATCH_" + name.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }
}
