package vn.customs.cargowatch.model.geo;

import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** A GeoJSON Polygon: an outer ring then holes, each ring of {@code [lon, lat]} pairs, closed. */
public record GeoPolygon(String type, double[][][] coordinates) {

    public String problem(String field) {
        if (!"Polygon".equals(type)) {
            return field + ": type must be Polygon, was " + vn.customs.cargowatch.model.Validated.cut(type);
        }
        if (coordinates == null || coordinates.length == 0) {
            return field + ": a Polygon needs an outer ring";
        }
        int positions = 0;
        for (double[][] ring : coordinates) {
            if (ring == null || ring.length < 4) {
                return field + ": a ring needs at least 4 positions";
            }
            positions += ring.length;
            if (positions > Positions.MAX) {
                return field + ": more than " + Positions.MAX + " positions";
            }
            String reason = Positions.problem(field, ring);
            if (reason != null) {
                return reason;
            }
            double[] first = ring[0];
            double[] last = ring[ring.length - 1];
            if (first[0] != last[0] || first[1] != last[1]) {
                return field + ": a ring must end where it starts";
            }
        }
        // A ring that crosses itself is no area: "is this fix inside?" has no answer for it.
        TopologyValidationError invalid = new IsValidOp(ZoneIndex.toPolygon(this)).getValidationError();
        return invalid == null ? null : field + ": " + invalid.getMessage().toLowerCase(java.util.Locale.ROOT)
                + " at [" + invalid.getCoordinate().x + ", " + invalid.getCoordinate().y + "]";
    }
}
