package vn.customs.cargowatch.jobs.camera;

/**
 * OpenCV's native library, loaded once per JVM ({@code nu.pattern.OpenCV.loadLocally()} unpacks the natives the
 * {@code org.openpnp:opencv} jar carries for this platform). On a session cluster that jar sits in Flink's {@code lib/}:
 * a native library loaded by a job's own classloader stays bound to it, and the job's next attempt, in a new
 * classloader, could not load it again ({@code docs/cameras.md}).
 */
public final class OpenCvLibrary {

    private static boolean loaded;

    private OpenCvLibrary() {}

    /** Loads the library unless this JVM has; every user of {@code org.opencv} calls it first. */
    public static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }
}
