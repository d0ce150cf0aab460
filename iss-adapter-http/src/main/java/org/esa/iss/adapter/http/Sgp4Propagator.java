package org.esa.iss.adapter.http;

import java.time.Instant;

/**
 * Near-Earth SGP4 as specified in Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3"
 * (AIAA 2006-6753), with the WGS-72 constants that the element sets are fitted with. Output is the TEME
 * state (true equator, mean equinox of date) in kilometres and kilometres per second.
 *
 * <p>Deep-space orbits (period of 225 minutes or more) need the SDP4 resonance and luni-solar terms,
 * which this simulator has no use for; they are refused at construction rather than propagated wrongly.
 *
 * <p>Immutable after construction; {@link #propagate} is thread-safe.
 */
final class Sgp4Propagator {
    // WGS-72, the gravity model TLEs are generated with (using WGS-84 here would bias every prediction).
    static final double EARTH_RADIUS_KM = 6378.135;
    private static final double MU = 398600.8;
    private static final double XKE = 60.0 / Math.sqrt(EARTH_RADIUS_KM * EARTH_RADIUS_KM * EARTH_RADIUS_KM / MU);
    private static final double J2 = 0.001082616;
    private static final double J3 = -0.00000253881;
    private static final double J4 = -0.00000165597;
    private static final double J3_OVER_J2 = J3 / J2;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double KM_PER_SEC_PER_ER_PER_MIN = EARTH_RADIUS_KM * XKE / 60.0;
    private static final double DEEP_SPACE_PERIOD_MINUTES = 225.0;

    private final Instant epoch;
    private final double bstar, ecco, inclo, nodeo, argpo, mo, noUnkozai;
    private final double ao, eta, con41, x1mth2, x7thm1, sinio, cosio;
    private final double cc1, cc4, cc5, d2, d3, d4, t2cof, t3cof, t4cof, t5cof;
    private final double mdot, argpdot, nodedot, omgcof, xmcof, nodecf, xlcof, aycof, delmo, sinmao;
    private final boolean simplified;

    Sgp4Propagator(TwoLineElements tle) {
        epoch = tle.epoch();
        bstar = tle.bstar();
        ecco = tle.eccentricity();
        inclo = Math.toRadians(tle.inclinationDeg());
        nodeo = Math.toRadians(tle.raanDeg());
        argpo = Math.toRadians(tle.argumentOfPerigeeDeg());
        mo = Math.toRadians(tle.meanAnomalyDeg());
        double noKozai = tle.meanMotionRevPerDay() * TWO_PI / 1440.0;
        if (!(noKozai > 0) || !(ecco < 1)) {
            throw new IllegalArgumentException("TLE " + tle.catalogNumber() + " has no bound orbit (mean motion "
                    + tle.meanMotionRevPerDay() + " rev/day, eccentricity " + ecco + ")");
        }

        // Recover the Brouwer mean motion and semi-major axis from the Kozai mean motion in the TLE.
        double eccsq = ecco * ecco;
        double omeosq = 1 - eccsq;
        double rteosq = Math.sqrt(omeosq);
        cosio = Math.cos(inclo);
        double cosio2 = cosio * cosio;
        double ak = Math.pow(XKE / noKozai, 2.0 / 3.0);
        double d1 = 0.75 * J2 * (3 * cosio2 - 1) / (rteosq * omeosq);
        double del = d1 / (ak * ak);
        double adel = ak * (1 - del * del - del * (1.0 / 3.0 + 134 * del * del / 81));
        del = d1 / (adel * adel);
        noUnkozai = noKozai / (1 + del);
        double periodMinutes = TWO_PI / noUnkozai;
        if (periodMinutes >= DEEP_SPACE_PERIOD_MINUTES) {
            throw new IllegalArgumentException(String.format(
                    "TLE %d is a deep-space orbit (period %.1f min >= %.0f min); only near-Earth SGP4 is supported",
                    tle.catalogNumber(), periodMinutes, DEEP_SPACE_PERIOD_MINUTES));
        }
        ao = Math.pow(XKE / noUnkozai, 2.0 / 3.0);
        sinio = Math.sin(inclo);
        double po = ao * omeosq;
        double con42 = 1 - 5 * cosio2;
        con41 = -con42 - cosio2 - cosio2;
        double posq = po * po;
        double rp = ao * (1 - ecco);
        // Below 220 km perigee the higher-order drag terms are dropped (the "simplified" model).
        simplified = rp < 220.0 / EARTH_RADIUS_KM + 1;

        // Atmospheric density parameters: s and (q0 - s)^4, adjusted for low perigees.
        double sfour = 78.0 / EARTH_RADIUS_KM + 1;
        double qzms24 = Math.pow((120.0 - 78.0) / EARTH_RADIUS_KM, 4);
        double perigeeKm = (rp - 1) * EARTH_RADIUS_KM;
        if (perigeeKm < 156) {
            double s = perigeeKm < 98 ? 20 : perigeeKm - 78;
            qzms24 = Math.pow((120 - s) / EARTH_RADIUS_KM, 4);
            sfour = s / EARTH_RADIUS_KM + 1;
        }
        double pinvsq = 1 / posq;
        double tsi = 1 / (ao - sfour);
        eta = ao * ecco * tsi;
        double etasq = eta * eta;
        double eeta = ecco * eta;
        double psisq = Math.abs(1 - etasq);
        double coef = qzms24 * Math.pow(tsi, 4);
        double coef1 = coef / Math.pow(psisq, 3.5);
        double cc2 = coef1 * noUnkozai * (ao * (1 + 1.5 * etasq + eeta * (4 + etasq))
                + 0.375 * J2 * tsi / psisq * con41 * (8 + 3 * etasq * (8 + etasq)));
        cc1 = bstar * cc2;
        double cc3 = ecco > 1.0e-4 ? -2 * coef * tsi * J3_OVER_J2 * noUnkozai * sinio / ecco : 0;
        x1mth2 = 1 - cosio2;
        cc4 = 2 * noUnkozai * coef1 * ao * omeosq * (eta * (2 + 0.5 * etasq) + ecco * (0.5 + 2 * etasq)
                - J2 * tsi / (ao * psisq) * (-3 * con41 * (1 - 2 * eeta + etasq * (1.5 - 0.5 * eeta))
                + 0.75 * x1mth2 * (2 * etasq - eeta * (1 + etasq)) * Math.cos(2 * argpo)));
        cc5 = 2 * coef1 * ao * omeosq * (1 + 2.75 * (etasq + eeta) + eeta * etasq);

        // Secular rates of mean anomaly, perigee and node from J2 and J4.
        double cosio4 = cosio2 * cosio2;
        double temp1 = 1.5 * J2 * pinvsq * noUnkozai;
        double temp2 = 0.5 * temp1 * J2 * pinvsq;
        double temp3 = -0.46875 * J4 * pinvsq * pinvsq * noUnkozai;
        mdot = noUnkozai + 0.5 * temp1 * rteosq * con41 + 0.0625 * temp2 * rteosq * (13 - 78 * cosio2 + 137 * cosio4);
        argpdot = -0.5 * temp1 * con42 + 0.0625 * temp2 * (7 - 114 * cosio2 + 395 * cosio4)
                + temp3 * (3 - 36 * cosio2 + 49 * cosio4);
        double xhdot1 = -temp1 * cosio;
        nodedot = xhdot1 + (0.5 * temp2 * (4 - 19 * cosio2) + 2 * temp3 * (3 - 7 * cosio2)) * cosio;
        omgcof = bstar * cc3 * Math.cos(argpo);
        xmcof = ecco > 1.0e-4 ? -2.0 / 3.0 * coef * bstar / eeta : 0;
        nodecf = 3.5 * omeosq * xhdot1 * cc1;
        t2cof = 1.5 * cc1;
        // Avoid the division by zero of the long-period term at exactly retrograde equatorial orbits.
        double onePlusCos = Math.abs(cosio + 1) > 1.5e-12 ? 1 + cosio : 1.5e-12;
        xlcof = -0.25 * J3_OVER_J2 * sinio * (3 + 5 * cosio) / onePlusCos;
        aycof = -0.5 * J3_OVER_J2 * sinio;
        delmo = Math.pow(1 + eta * Math.cos(mo), 3);
        sinmao = Math.sin(mo);
        x7thm1 = 7 * cosio2 - 1;

        if (!simplified) {
            double cc1sq = cc1 * cc1;
            d2 = 4 * ao * tsi * cc1sq;
            double temp = d2 * tsi * cc1 / 3;
            d3 = (17 * ao + sfour) * temp;
            d4 = 0.5 * temp * ao * tsi * (221 * ao + 31 * sfour) * cc1;
            t3cof = d2 + 2 * cc1sq;
            t4cof = 0.25 * (3 * d3 + cc1 * (12 * d2 + 10 * cc1sq));
            t5cof = 0.2 * (3 * d4 + 12 * cc1 * d3 + 6 * d2 * d2 + 15 * cc1sq * (2 * d2 + cc1sq));
        } else {
            d2 = d3 = d4 = t3cof = t4cof = t5cof = 0;
        }
    }

    /** The element set's epoch; {@link #propagate} counts minutes from here. */
    Instant epoch() {
        return epoch;
    }

    /** TEME state at an instant. */
    TemeState stateAt(Instant when) {
        double seconds = (when.getEpochSecond() - epoch.getEpochSecond()) + (when.getNano() - epoch.getNano()) * 1e-9;
        return propagate(seconds / 60.0);
    }

    /**
     * TEME state {@code minutesSinceEpoch} minutes after (or before, if negative) the epoch.
     *
     * @throws IllegalStateException if the model breaks down (orbit decayed or eccentricity out of range)
     */
    TemeState propagate(double minutesSinceEpoch) {
        double t = minutesSinceEpoch;

        // Secular gravity and atmospheric drag.
        double xmdf = mo + mdot * t;
        double argpdf = argpo + argpdot * t;
        double nodedf = nodeo + nodedot * t;
        double argpm = argpdf;
        double mm = xmdf;
        double t2 = t * t;
        double nodem = nodedf + nodecf * t2;
        double tempa = 1 - cc1 * t;
        double tempe = bstar * cc4 * t;
        double templ = t2cof * t2;
        if (!simplified) {
            double delomg = omgcof * t;
            double delm = xmcof * (Math.pow(1 + eta * Math.cos(xmdf), 3) - delmo);
            double temp = delomg + delm;
            mm = xmdf + temp;
            argpm = argpdf - temp;
            double t3 = t2 * t;
            double t4 = t3 * t;
            tempa = tempa - d2 * t2 - d3 * t3 - d4 * t4;
            tempe = tempe + bstar * cc5 * (Math.sin(mm) - sinmao);
            templ = templ + t3cof * t3 + t4 * (t4cof + t * t5cof);
        }
        double am = Math.pow(XKE / noUnkozai, 2.0 / 3.0) * tempa * tempa;
        double nm = XKE / Math.pow(am, 1.5);
        double em = ecco - tempe;
        if (em >= 1 || em < -0.001 || !(am > 0)) {
            throw new IllegalStateException(String.format(
                    "SGP4 diverged %.1f min from epoch (eccentricity %.6f, semi-major axis %.4f Earth radii)", t, em, am));
        }
        em = Math.max(em, 1.0e-6);
        mm = mm + noUnkozai * templ;
        double xlm = mm + argpm + nodem;
        nodem = nodem % TWO_PI;
        argpm = argpm % TWO_PI;
        xlm = xlm % TWO_PI;
        mm = (xlm - argpm - nodem) % TWO_PI;

        // Long-period periodics (J3).
        double axnl = em * Math.cos(argpm);
        double temp = 1 / (am * (1 - em * em));
        double aynl = em * Math.sin(argpm) + temp * aycof;
        double xl = mm + argpm + nodem + temp * xlcof * axnl;

        // Kepler's equation in the (u, axnl, aynl) variables, Newton steps capped at 0.95 rad.
        double u = (xl - nodem) % TWO_PI;
        double eo1 = u;
        double sineo1 = 0;
        double coseo1 = 1;
        double step = 9999.9;
        for (int k = 1; Math.abs(step) >= 1.0e-12 && k <= 10; k++) {
            sineo1 = Math.sin(eo1);
            coseo1 = Math.cos(eo1);
            step = (u - aynl * coseo1 + axnl * sineo1 - eo1) / (1 - coseo1 * axnl - sineo1 * aynl);
            if (Math.abs(step) >= 0.95) {
                step = Math.copySign(0.95, step);
            }
            eo1 += step;
        }

        // Short-period periodics (J2).
        double ecose = axnl * coseo1 + aynl * sineo1;
        double esine = axnl * sineo1 - aynl * coseo1;
        double el2 = axnl * axnl + aynl * aynl;
        double pl = am * (1 - el2);
        if (pl < 0) {
            throw new IllegalStateException(String.format("SGP4 semi-latus rectum negative %.1f min from epoch", t));
        }
        double rl = am * (1 - ecose);
        double rdotl = Math.sqrt(am) * esine / rl;
        double rvdotl = Math.sqrt(pl) / rl;
        double betal = Math.sqrt(1 - el2);
        temp = esine / (1 + betal);
        double sinu = am / rl * (sineo1 - aynl - axnl * temp);
        double cosu = am / rl * (coseo1 - axnl + aynl * temp);
        double su = Math.atan2(sinu, cosu);
        double sin2u = (cosu + cosu) * sinu;
        double cos2u = 1 - 2 * sinu * sinu;
        temp = 1 / pl;
        double temp1 = 0.5 * J2 * temp;
        double temp2 = temp1 * temp;

        double mrt = rl * (1 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
        su = su - 0.25 * temp2 * x7thm1 * sin2u;
        double xnode = nodem + 1.5 * temp2 * cosio * sin2u;
        double xinc = inclo + 1.5 * temp2 * cosio * sinio * cos2u;
        double mvt = rdotl - nm * temp1 * x1mth2 * sin2u / XKE;
        double rvdot = rvdotl + nm * temp1 * (x1mth2 * cos2u + 1.5 * con41) / XKE;
        if (mrt < 1) {
            throw new IllegalStateException(String.format("SGP4: satellite has decayed %.1f min from epoch", t));
        }

        // Orientation vectors from the osculating node, inclination and argument of latitude.
        double sinsu = Math.sin(su);
        double cossu = Math.cos(su);
        double snod = Math.sin(xnode);
        double cnod = Math.cos(xnode);
        double sini = Math.sin(xinc);
        double cosi = Math.cos(xinc);
        double xmx = -snod * cosi;
        double xmy = cnod * cosi;
        double ux = xmx * sinsu + cnod * cossu;
        double uy = xmy * sinsu + snod * cossu;
        double uz = sini * sinsu;
        double vx = xmx * cossu - cnod * sinsu;
        double vy = xmy * cossu - snod * sinsu;
        double vz = sini * cossu;

        double r = mrt * EARTH_RADIUS_KM;
        double k = KM_PER_SEC_PER_ER_PER_MIN;
        return new TemeState(r * ux, r * uy, r * uz,
                (mvt * ux + rvdot * vx) * k, (mvt * uy + rvdot * vy) * k, (mvt * uz + rvdot * vz) * k);
    }
}
