package vn.customs.cargowatch.model;

import vn.customs.cargowatch.model.geo.GeoPolygon;

/** {@code geo.ignore-zones}: a mapped dead spot where losing the signal is expected (3740 §I.8). */
public record IgnoreZone(String zoneId, String name, GeoPolygon polygon, Op op) implements Validated {

    public enum Op { UPSERT, DELETE }

    @Override
    public String problem() {
        return Validated.first(
                Validated.requireText(zoneId, "zoneId", Validated.ID),
                Validated.text(name, "name", Validated.NAME),
                op == null ? "op is missing" : null,
                op == Op.UPSERT ? (polygon == null ? "polygon is missing" : polygon.problem("polygon")) : null);
    }
}
