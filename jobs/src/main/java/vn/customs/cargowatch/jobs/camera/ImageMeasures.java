package vn.customs.cargowatch.jobs.camera;

/**
 * What {@link ImageChecks#measure} found in one camera image, on its grey levels (0–255) at the working size.
 *
 * @param brightness the mean grey level: near 0 for a covered lens or a night without infrared, near 255 for glare
 * @param contrast   the standard deviation of the grey levels: low for fog, haze or a washed-out image
 * @param sharpness  the variance of the Laplacian: the energy of edges, low when out of focus or fogged
 * @param hash       the 64-bit perceptual hash (pHash): near-identical images differ in few bits
 */
public record ImageMeasures(double brightness, double contrast, double sharpness, long hash) {

    /** How many of the 64 bits of the two images' perceptual hashes differ. */
    public static int hashDistance(long hash, long other) {
        return Long.bitCount(hash ^ other);
    }
}
