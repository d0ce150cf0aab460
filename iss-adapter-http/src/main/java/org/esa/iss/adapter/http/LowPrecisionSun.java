package org.esa.iss.adapter.http;

/**
 * The Sun's direction and distance from a short series in the style of the Astronomical Almanac, as used
 * by the classic NORAD tracking programs that the ground-control API follows: mean longitude and anomaly
 * as polynomials in Julian centuries of ephemeris time since 1900 (UTC plus an analytic ΔT estimate),
 * three-term equation of centre, nutation and aberration folded into one lunar-node term. Accurate to
 * about 0.01°, and reproduces the API's sub-solar point to about 1e-5°.
 */
final class LowPrecisionSun {
    static final double AU_KM = 1.49597870691e8;
    static final double SUN_RADIUS_KM = 696000.0;
    private static final double TWO_PI = 2 * Math.PI;

    private LowPrecisionSun() {
    }

    /** Sun position (km) in the mean-of-date equatorial frame at a unix time. */
    static double[] position(double unixSeconds) {
        double mjd1900 = EarthModel.julianDay(unixSeconds) - 2415020.0;
        double year = 1900 + mjd1900 / 365.25;
        double t = (mjd1900 + deltaEtSeconds(year) / 86400.0) / 36525.0;
        double meanAnomaly = Math.toRadians(mod360(358.47583 + mod360(35999.04975 * t) - (0.000150 + 0.0000033 * t) * t * t));
        double meanLongitude = Math.toRadians(mod360(279.69668 + mod360(36000.76892 * t) + 0.0003025 * t * t));
        double eccentricity = 0.01675104 - (0.0000418 + 0.000000126 * t) * t;
        double centre = Math.toRadians((1.919460 - (0.004789 + 0.000014 * t) * t) * Math.sin(meanAnomaly)
                + (0.020094 - 0.000100 * t) * Math.sin(2 * meanAnomaly) + 0.000293 * Math.sin(3 * meanAnomaly));
        double lunarNode = Math.toRadians(mod360(259.18 - 1934.142 * t));
        double longitude = modTwoPi(meanLongitude + centre - Math.toRadians(0.00569 - 0.00479 * Math.sin(lunarNode)));
        double trueAnomaly = modTwoPi(meanAnomaly + centre);
        double distanceAu = 1.0000002 * (1 - eccentricity * eccentricity) / (1 + eccentricity * Math.cos(trueAnomaly));
        double obliquity = Math.toRadians(23.452294 - (0.0130125 + (0.00000164 - 0.000000503 * t) * t) * t
                + 0.00256 * Math.cos(lunarNode));
        double r = distanceAu * AU_KM;
        return new double[] {
            r * Math.cos(longitude),
            r * Math.sin(longitude) * Math.cos(obliquity),
            r * Math.sin(longitude) * Math.sin(obliquity)};
    }

    /** Sub-solar latitude (deg, declination) and east longitude (deg, [0, 360)) at a unix time. */
    static double[] subSolarPoint(double unixSeconds) {
        double[] sun = position(unixSeconds);
        double lat = Math.toDegrees(Math.atan2(sun[2], Math.hypot(sun[0], sun[1])));
        double rightAscension = Math.atan2(sun[1], sun[0]);
        double lon = Math.toDegrees(modTwoPi(rightAscension - EarthModel.gmstRadians(unixSeconds)));
        return new double[] {lat, lon >= 360.0 ? 0.0 : lon};
    }

    /**
     * Whether a position (km, same frame as {@link #position}) is in the Earth's umbra: Earth's angular
     * radius seen from there, minus the Sun's, exceeds the angle between the Earth's centre and the Sun.
     */
    static boolean eclipsed(double x, double y, double z, double unixSeconds) {
        double[] sun = position(unixSeconds);
        double sx = sun[0] - x;
        double sy = sun[1] - y;
        double sz = sun[2] - z;
        double toSun = Math.sqrt(sx * sx + sy * sy + sz * sz);
        double toEarth = Math.sqrt(x * x + y * y + z * z);
        double earthRadius = Math.asin(Sgp4Propagator.EARTH_RADIUS_KM / toEarth);
        double sunRadius = Math.asin(SUN_RADIUS_KM / toSun);
        double cosSeparation = -(sx * x + sy * y + sz * z) / (toSun * toEarth);
        double separation = Math.acos(Math.max(-1, Math.min(1, cosSeparation)));
        return earthRadius >= sunRadius && separation < earthRadius - sunRadius;
    }

    /** ΔT (ephemeris minus universal time) in seconds, a smooth fit valid for the late 20th and 21st century. */
    private static double deltaEtSeconds(double year) {
        return 26.465 + 0.747622 * (year - 1950) + 1.886913 * Math.sin(TWO_PI * (year - 1975) / 33);
    }

    private static double mod360(double degrees) {
        double r = degrees % 360.0;
        return r < 0 ? r + 360.0 : r;
    }

    private static double modTwoPi(double radians) {
        double r = radians % TWO_PI;
        return r < 0 ? r + TWO_PI : r;
    }
}
