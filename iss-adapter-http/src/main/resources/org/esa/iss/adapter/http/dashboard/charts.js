// Painting only: the ground-track map and the altitude chart. Both take a plain description of what to show
// (built by app.js) and redraw the whole canvas, which at a few frames per second costs next to nothing.
"use strict";

const IssCharts = (() => {
  const EARTH_RADIUS_KM = 6371;
  const BAND_MIN_PX = 7;
  const COLORS = {
    ocean: "#0a1f33",
    land: "#1f3b2a",
    coast: "#3d6e4e",
    grid: "rgba(255, 255, 255, 0.07)",
    equator: "rgba(255, 255, 255, 0.16)",
    night: "rgba(0, 0, 0, 0.42)",
    track: "#ff7b72",
    footprint: "#f0b429",
    station: "#ffffff",
    apogee: "#d2a8ff",
    perigee: "#7ee787",
    axis: "#8b949e",
    chartGrid: "rgba(255, 255, 255, 0.06)",
    fix: "#58a6ff",
    band: "rgba(240, 180, 41, 0.35)",
  };

  /** Sizes the backing store to the element's CSS size times the pixel ratio; draws in CSS pixels. */
  function fit(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return { ctx, width, height };
  }

  const wrapLongitude = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  const toRadians = (deg) => (deg * Math.PI) / 180;
  const toDegrees = (rad) => (rad * 180) / Math.PI;

  /**
   * Draws a polyline of [lon, lat] points, lifting the pen where consecutive points are on opposite edges of
   * the map (the antimeridian) or where breakAt(previous, next) says so.
   */
  function polyline(ctx, points, x, y, breakAt) {
    ctx.beginPath();
    let previous = null;
    for (const p of points) {
      const jump = previous && (Math.abs(p[0] - previous[0]) > 180 || (breakAt && breakAt(previous, p)));
      if (!previous || jump) {
        ctx.moveTo(x(p[0]), y(p[1]));
      } else {
        ctx.lineTo(x(p[0]), y(p[1]));
      }
      previous = p;
    }
    ctx.stroke();
  }

  /** Shades the hemisphere facing away from the sub-solar point, one thin column at a time. */
  function drawNight(ctx, width, height, solarLat, solarLon) {
    // At the equinoxes the terminator is a meridian pair; keep the declination off zero to avoid dividing by it.
    const declination = toRadians(Math.abs(solarLat) < 0.01 ? (solarLat < 0 ? -0.01 : 0.01) : solarLat);
    const step = 2;
    ctx.fillStyle = COLORS.night;
    for (let px = 0; px < width; px += step) {
      const lon = (px / width) * 360 - 180;
      const hourAngle = toRadians(lon - wrapLongitude(solarLon));
      const terminatorLat = toDegrees(Math.atan(-Math.cos(hourAngle) / Math.tan(declination)));
      const yTerminator = ((90 - terminatorLat) / 180) * height;
      if (declination > 0) {
        ctx.fillRect(px, yTerminator, step, height - yTerminator); // night lies south of the line
      } else {
        ctx.fillRect(px, 0, step, yTerminator);
      }
    }
  }

  /** The circle on the ground from which the station is above the horizon, as [lon, lat] points. */
  function footprintRing(lat, lon, diameterKm) {
    const radius = diameterKm / 2 / EARTH_RADIUS_KM;
    const phi = toRadians(lat);
    const points = [];
    for (let bearing = 0; bearing <= 360; bearing += 5) {
      const b = toRadians(bearing);
      const lat2 = Math.asin(Math.sin(phi) * Math.cos(radius) + Math.cos(phi) * Math.sin(radius) * Math.cos(b));
      const lon2 = toRadians(lon) + Math.atan2(Math.sin(b) * Math.sin(radius) * Math.cos(phi),
          Math.cos(radius) - Math.sin(phi) * Math.sin(lat2));
      points.push([wrapLongitude(toDegrees(lon2)), toDegrees(lat2)]);
    }
    return points;
  }

  function marker(ctx, px, py, color, radius) {
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.6)";
    ctx.stroke();
  }

  /** A triangle centred on (px, py), pointing up or down. */
  function triangle(ctx, px, py, color, size, up) {
    const tip = up ? -size : size;
    ctx.beginPath();
    ctx.moveTo(px, py + tip);
    ctx.lineTo(px + size * 0.9, py - tip / 2);
    ctx.lineTo(px - size * 0.9, py - tip / 2);
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.6)";
    ctx.stroke();
  }

  /**
   * view: { land: [[ [lon, lat], ... ], ...], track: [{lon, lat, t}], latest: fix or null,
   *         apogee / perigee: {latitude, longitude} or null }
   */
  function drawMap(canvas, view) {
    const { ctx, width, height } = fit(canvas);
    const x = (lon) => ((lon + 180) / 360) * width;
    const y = (lat) => ((90 - lat) / 180) * height;

    ctx.fillStyle = COLORS.ocean;
    ctx.fillRect(0, 0, width, height);

    ctx.fillStyle = COLORS.land;
    ctx.strokeStyle = COLORS.coast;
    ctx.lineWidth = 0.8;
    for (const polygon of view.land) {
      ctx.beginPath();
      polygon.forEach(([lon, lat], i) => (i === 0 ? ctx.moveTo(x(lon), y(lat)) : ctx.lineTo(x(lon), y(lat))));
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }

    ctx.lineWidth = 1;
    for (let lon = -150; lon <= 150; lon += 30) {
      ctx.strokeStyle = lon === 0 ? COLORS.equator : COLORS.grid;
      ctx.beginPath();
      ctx.moveTo(x(lon), 0);
      ctx.lineTo(x(lon), height);
      ctx.stroke();
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      ctx.strokeStyle = lat === 0 ? COLORS.equator : COLORS.grid;
      ctx.beginPath();
      ctx.moveTo(0, y(lat));
      ctx.lineTo(width, y(lat));
      ctx.stroke();
    }

    const latest = view.latest;
    if (latest && latest.solarLat !== undefined) {
      drawNight(ctx, width, height, latest.solarLat, latest.solarLon);
    }

    ctx.strokeStyle = COLORS.track;
    ctx.lineWidth = 2;
    ctx.lineJoin = "round";
    // A gap of more than two minutes in the fixes is shown as a gap, not bridged by a straight line.
    polyline(ctx, view.track.map((p) => [p.lon, p.lat, p.t]), x, y, (a, b) => b[2] - a[2] > 120000);

    // apogee and perigee differ in shape too, not in colour alone
    if (view.apogee) {
      triangle(ctx, x(view.apogee.longitude), y(view.apogee.latitude), COLORS.apogee, 6, true);
    }
    if (view.perigee) {
      triangle(ctx, x(view.perigee.longitude), y(view.perigee.latitude), COLORS.perigee, 6, false);
    }

    if (latest) {
      if (latest.footprintKm > 0) {
        ctx.strokeStyle = COLORS.footprint;
        ctx.lineWidth = 1.2;
        ctx.setLineDash([4, 3]);
        polyline(ctx, footprintRing(latest.lat, latest.lon, latest.footprintKm), x, y);
        ctx.setLineDash([]);
      }
      const px = x(latest.lon);
      const py = y(latest.lat);
      ctx.beginPath();
      ctx.arc(px, py, 10, 0, 2 * Math.PI);
      ctx.fillStyle = "rgba(255, 255, 255, 0.18)";
      ctx.fill();
      marker(ctx, px, py, COLORS.station, 5);
      ctx.font = "600 12px system-ui, sans-serif";
      ctx.fillStyle = COLORS.station;
      ctx.textAlign = px > width - 60 ? "right" : "left";
      ctx.fillText("ISS", px + (px > width - 60 ? -12 : 12), py - 8);
    }
  }

  /** A step of 1, 2 or 5 times a power of ten giving about `count` intervals over `span`. */
  function niceStep(span, count) {
    const raw = span / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const fraction = raw / power;
    return power * (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10);
  }

  const hhmm = (ms) => new Date(ms).toISOString().slice(11, 16);

  /**
   * view: { fixes: [{t, altKm}], windows: [{start, end, max, min}], end: ms, span: ms }
   */
  function drawAltitude(canvas, view) {
    const { ctx, width, height } = fit(canvas);
    const start = view.end - view.span;
    const fixes = view.fixes.filter((f) => f.t >= start && f.t <= view.end);
    const windows = view.windows.filter((w) => w.end > start && w.start < view.end);

    ctx.font = "12px system-ui, sans-serif";
    ctx.fillStyle = COLORS.axis;
    if (fixes.length === 0 && windows.length === 0) {
      ctx.textAlign = "center";
      ctx.fillText("waiting for fixes and windows…", width / 2, height / 2);
      return;
    }

    let low = Infinity;
    let high = -Infinity;
    fixes.forEach((f) => { low = Math.min(low, f.altKm); high = Math.max(high, f.altKm); });
    windows.forEach((w) => { low = Math.min(low, w.min); high = Math.max(high, w.max); });
    const pad = Math.max(0.05, (high - low) * 0.12);
    low -= pad;
    high += pad;

    const step = niceStep(high - low, 5);
    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
    const label = (v) => v.toFixed(decimals) + " km";
    // as wide as the widest label in this font, so that no label is cut at the canvas's edge
    const labelWidth = Math.max(ctx.measureText(label(low)).width, ctx.measureText(label(high)).width);
    const margin = { left: Math.ceil(labelWidth) + 12, right: 14, top: 10, bottom: 24 };
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;

    const x = (t) => margin.left + ((t - start) / view.span) * plotWidth;
    const y = (alt) => margin.top + (1 - (alt - low) / (high - low)) * plotHeight;

    ctx.strokeStyle = COLORS.chartGrid;
    ctx.lineWidth = 1;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let v = Math.ceil(low / step) * step; v <= high; v += step) {
      ctx.beginPath();
      ctx.moveTo(margin.left, y(v));
      ctx.lineTo(width - margin.right, y(v));
      ctx.stroke();
      ctx.fillText(label(v), margin.left - 6, y(v));
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let t = Math.ceil(start / 60000) * 60000; t <= view.end; t += 60000) {
      ctx.beginPath();
      ctx.moveTo(x(t), margin.top);
      ctx.lineTo(x(t), margin.top + plotHeight);
      ctx.stroke();
      if (x(t) < width - margin.right - 16) {
        ctx.fillText(hhmm(t), x(t), margin.top + plotHeight + 6);
      }
    }

    ctx.save();
    ctx.beginPath();
    ctx.rect(margin.left, margin.top, plotWidth, plotHeight);
    ctx.clip();

    // Within 5 s the altitude moves by some tens of metres, a pixel at this scale: the band is drawn at least
    // a few pixels thick, centred on the window, so that it stays visible under the line of fixes.
    ctx.fillStyle = COLORS.band;
    for (const w of windows) {
      const top = y(w.max);
      const bottom = y(w.min);
      const thickness = Math.max(BAND_MIN_PX, bottom - top);
      const middle = (top + bottom) / 2;
      ctx.fillRect(x(w.start), middle - thickness / 2, Math.max(1, x(w.end) - x(w.start) - 0.5), thickness);
    }

    ctx.strokeStyle = COLORS.fix;
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    fixes.forEach((f, i) => (i === 0 ? ctx.moveTo(x(f.t), y(f.altKm)) : ctx.lineTo(x(f.t), y(f.altKm))));
    ctx.stroke();
    if (fixes.length > 0) {
      const last = fixes[fixes.length - 1];
      marker(ctx, x(last.t), y(last.altKm), COLORS.fix, 3.5);
    }
    ctx.restore();
  }

  return { drawMap, drawAltitude };
})();
