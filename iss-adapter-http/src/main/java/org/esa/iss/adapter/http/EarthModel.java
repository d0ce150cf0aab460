package org.esa.iss.adapter.http;

/**
 * Earth orientation and shape as the ground-control API uses them: Greenwich mean sidereal time
 * (IAU 1982, with UT1 taken as UTC), the TEME to Earth-fixed rotation about the pole, and geodetic
 * coordinates on the WGS-84 ellipsoid. Polar motion and the equation of the equinoxes are ignored
 * (metres at the ISS, far below what the API resolves).
 */
final class EarthModel {
    static final double WGS84_A_KM = 6378.137;
    static final double WGS84_F = 1 / 298.257223563;
    private static final double WGS84_E2 = WGS84_F * (2 - WGS84_F);
    private static final double J2000_UNIX_SECONDS = 946_728_000.0;
    private static final double TWO_PI = 2 * Math.PI;

    private EarthModel() {
    }

    /** Julian day of a unix time (UTC), as the API's {@code daynum}. */
    static double julianDay(double unixSeconds) {
        return unixSeconds / 86400.0 + 2440587.5;
    }

    /** Greenwich mean sidereal time in radians, [0, 2π), IAU 1982 ({@code gstime} of Vallado). */
    static double gmstRadians(double unixSeconds) {
        // Centuries counted from J2000 directly in seconds keeps full double precision.
        double t = (unixSeconds - J2000_UNIX_SECONDS) / 86400.0 / 36525.0;
        double seconds = 67310.54841 + (876600.0 * 3600 + 8640184.812866) * t + 0.093104 * t * t - 6.2e-6 * t * t * t;
        double angle = (seconds * Math.PI / 180.0 / 240.0) % TWO_PI;
        return angle < 0 ? angle + TWO_PI : angle;
    }

    /**
     * Geodetic latitude (deg), longitude (deg, [-180, 180]) and height (km) of a TEME position at a time:
     * rotate by GMST into the Earth-fixed frame, then solve for the WGS-84 latitude by fixed-point iteration.
     */
    static Geodetic geodeticOf(double x, double y, double z, double unixSeconds) {
        double theta = gmstRadians(unixSeconds);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double xe = cos * x + sin * y;
        double ye = -sin * x + cos * y;
        return geodeticOfEcef(xe, ye, z);
    }

    /** Geodetic coordinates of an Earth-fixed position (km). */
    static Geodetic geodeticOfEcef(double x, double y, double z) {
        double rho = Math.hypot(x, y);
        double lon = Math.atan2(y, x);
        // Iterate on the ellipsoid's offset dz = N e² sin(lat); converges to 1e-12 km in a handful of steps.
        double dz = WGS84_E2 * z;
        double n = WGS84_A_KM;
        for (int i = 0; i < 20; i++) {
            double zdz = z + dz;
            double sinLat = zdz / Math.sqrt(rho * rho + zdz * zdz);
            n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
            double next = n * WGS84_E2 * sinLat;
            if (Math.abs(next - dz) < 1e-12) {
                dz = next;
                break;
            }
            dz = next;
        }
        double zdz = z + dz;
        double lat = Math.atan2(zdz, rho);
        double height = Math.sqrt(rho * rho + zdz * zdz) - n;
        return new Geodetic(Math.toDegrees(lat), Math.toDegrees(lon), height);
    }

    /** Earth-fixed position (km) of geodetic coordinates; the inverse of {@link #geodeticOfEcef}. */
    static double[] ecefOf(double latDeg, double lonDeg, double heightKm) {
        double lat = Math.toRadians(latDeg);
        double lon = Math.toRadians(lonDeg);
        double sinLat = Math.sin(lat);
        double n = WGS84_A_KM / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
        double r = (n + heightKm) * Math.cos(lat);
        return new double[] {r * Math.cos(lon), r * Math.sin(lon), (n * (1 - WGS84_E2) + heightKm) * sinLat};
    }

    /** A point on or above the WGS-84 ellipsoid. */
    record Geodetic(double latitudeDeg, double longitudeDeg, double heightKm) {
    }
}
