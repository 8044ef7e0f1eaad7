package vn.customs.cargowatch.jobs.config;

import java.io.Serializable;

/** A range of TCP ports, both ends included, within 1–65535; one port is a range of one. */
public record Ports(int first, int last) implements Serializable {

    public Ports {
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("not a range of ports: " + first + "-" + last);
        }
    }

    /** As written in the configuration and in Flink's settings: {@code 9249-9259}, or {@code 9249}. */
    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
