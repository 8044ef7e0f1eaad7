package vn.customs.cargowatch.ops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import vn.customs.cargowatch.model.geo.Geo;

/**
 * The map of a trip for its summary (3740 §II.3): the registered route, the corridor around it (its width in metres
 * on either side, drawn to scale), the track the seal reported, and a numbered marker where each alert began —
 * drawn with Java2D on a plain equirectangular projection fitted to what is shown (a trip spans tens to hundreds of
 * kilometres, where the projection's distortion does not matter to the eye). No tiles: the report is printed offline.
 */
public final class TripMap {

    /** A place to mark: an alert's start, numbered as in the report's table. */
    public record Marker(int number, double lat, double lon) {}

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 800;
    private static final int MARGIN = 40;
    /** A degree of latitude on the project's sphere ({@link Geo}). */
    private static final double METRES_PER_DEGREE = Math.toRadians(1) * Geo.EARTH_RADIUS_METERS;

    private TripMap() {}

    /**
     * @param route the registered route as {@code [lon, lat]} pairs, or null when unknown
     * @param corridorMeters the corridor's half-width
     * @param track the reported positions as {@code [lon, lat]} pairs, oldest first
     */
    public static byte[] png(double[][] route, double corridorMeters, List<double[]> track, List<Marker> markers) {
        List<double[]> all = new ArrayList<>(track);
        if (route != null) {
            all.addAll(List.of(route));
        }
        markers.forEach(marker -> all.add(new double[] {marker.lon(), marker.lat()}));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        if (!all.isEmpty()) {
            Projection projection = Projection.fitting(all);
            if (route != null) {
                float corridor = (float) Math.max(2, 2 * corridorMeters * projection.pixelsPerMetre());
                g.setColor(new Color(0x9C, 0xCC, 0xFF, 110));
                g.setStroke(new BasicStroke(corridor, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(projection.path(List.of(route)));
                g.setColor(new Color(0x1F, 0x4E, 0x99));
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {10f, 6f}, 0f));
                g.draw(projection.path(List.of(route)));
            }
            if (track.size() > 1) {
                g.setColor(new Color(0x2E, 0x8B, 0x57));
                g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(projection.path(track));
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (Marker marker : markers) {
                double[] at = projection.point(marker.lon(), marker.lat());
                g.setColor(new Color(0xC0, 0x00, 0x00));
                g.fillOval((int) at[0] - 9, (int) at[1] - 9, 18, 18);
                g.setColor(Color.WHITE);
                String label = String.valueOf(marker.number());
                g.drawString(label, (int) at[0] - g.getFontMetrics().stringWidth(label) / 2, (int) at[1] + 5);
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(String.format("%.0f km", projection.scaleBarKm()), MARGIN, HEIGHT - 14);
            g.drawLine(MARGIN, HEIGHT - 30, MARGIN + 120, HEIGHT - 30);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** Longitude scaled by the cosine of the middle latitude, fitted into the picture with its margins, north up. */
    private record Projection(double minLon, double maxLat, double lonScale, double pixelsPerDegree) {

        static Projection fitting(List<double[]> points) {
            double minLon = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE, minLat = Double.MAX_VALUE;
            double maxLat = -Double.MAX_VALUE;
            for (double[] point : points) {
                minLon = Math.min(minLon, point[0]);
                maxLon = Math.max(maxLon, point[0]);
                minLat = Math.min(minLat, point[1]);
                maxLat = Math.max(maxLat, point[1]);
            }
            double lonScale = Math.cos(Math.toRadians((minLat + maxLat) / 2));
            double width = Math.max((maxLon - minLon) * lonScale, 0.005);
            double height = Math.max(maxLat - minLat, 0.005);
            double pixels = Math.min((WIDTH - 2.0 * MARGIN) / width, (HEIGHT - 2.0 * MARGIN) / height);
            return new Projection(minLon, maxLat, lonScale, pixels);
        }

        double[] point(double lon, double lat) {
            return new double[] {MARGIN + (lon - minLon) * lonScale * pixelsPerDegree,
                    MARGIN + (maxLat - lat) * pixelsPerDegree};
        }

        Path2D path(List<double[]> points) {
            Path2D path = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                double[] at = point(points.get(i)[0], points.get(i)[1]);
                if (i == 0) {
                    path.moveTo(at[0], at[1]);
                } else {
                    path.lineTo(at[0], at[1]);
                }
            }
            return path;
        }

        double pixelsPerMetre() {
            return pixelsPerDegree / METRES_PER_DEGREE;
        }

        /** How many kilometres the 120-pixel scale bar is. */
        double scaleBarKm() {
            return 120 / pixelsPerMetre() / 1000;
        }
    }
}
