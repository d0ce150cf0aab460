// The dashboard's state and wiring: one event stream for fixes and windows, a periodic refresh of what
// changes slowly (the highest altitude, the last orbit, health), and a redraw at most once per frame.
"use strict";

(() => {
  const CHART_SPAN_MS = 10 * 60 * 1000;
  const TRACK_LIMIT = 12000; // about 100 minutes at 2 Hz: a full orbit and some
  const REFRESH_MS = 10000;
  const REQUEST_TIMEOUT_MS = 8000;
  const STALE_AFTER_MS = 15000;
  // Three of the server's heartbeats (every 15 s, QueryApiOptions): a stream this quiet is dead without knowing it (a
  // laptop that slept, a proxy that dropped the connection, a hung server), and EventSource would wait on it for ever.
  const SILENT_STREAM_MS = 45000;
  // Live fixes older than the newest, this many in a row: the data's clock went back (a restarted simulator), and the
  // page starts over from them. Neither a stream's replay nor a backfill counts: both are older by nature.
  const START_OVER_AFTER_FIXES = 10;
  // The replay of recent fixes that opens a stream comes in at once, in the order the server received them.
  const REPLAY_MS = 5000;
  // A fix dated further ahead of this page's clock is garbled (or a simulator far ahead): it would hold the page there.
  const MAX_AHEAD_MS = 24 * 3600 * 1000;
  const FIRST_RETRY_MS = 10000;
  const KM_PER_MILE = 1.609344;

  const state = {
    latest: null,
    source: null,
    track: [],
    fixes: [],
    windows: new Map(), // window start (ms) -> window, so that a window seen twice is kept once
    lastOrbit: null,
    current: null, // the orbit in progress: {since, fromNode, apogee, perigee}
    streamOpen: false,
    advancedAt: null, // when the newest fix last changed (page clock)
    behind: [], // live fixes older than the newest since it last changed
    heardAt: 0, // when the stream last sent anything, heartbeats included
    replayUntil: 0, // until when a stream opened is replaying what it has (page clock)
    windowEventAt: 0, // when the stream last sent a window (`iss serve` streams none)
  };

  const $ = (id) => document.getElementById(id);
  const fmt = (value, digits) => (value === null || value === undefined ? "—" : Number(value).toFixed(digits));
  const utc = (ms) => new Date(ms).toISOString().replace("T", " ").slice(0, 19) + " UTC";
  const hms = (ms) => new Date(ms).toISOString().slice(11, 19);
  const latLon = (lat, lon) =>
    `${Math.abs(lat).toFixed(2)}°${lat >= 0 ? "N" : "S"} ${Math.abs(lon).toFixed(2)}°${lon >= 0 ? "E" : "W"}`;

  /** A request that gives up after a while, so that a slow server does not pile requests up. */
  async function getJson(path) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(path, { cache: "no-store", signal: abort.signal });
      const body = await response.json().catch(() => null);
      return { status: response.status, body };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The fields the page uses, in kilometres whatever units the record came in. */
  function toFix(json) {
    const perUnit = json.units === "miles" ? KM_PER_MILE : 1;
    return {
      t: Date.parse(json.event_time),
      lat: json.latitude,
      lon: json.longitude,
      altKm: json.altitude_km !== undefined ? json.altitude_km : json.altitude * perUnit,
      speedKmh: json.velocity * perUnit,
      footprintKm: json.footprint * perUnit,
      visibility: json.visibility,
      solarLat: json.solar_lat,
      solarLon: json.solar_lon,
    };
  }

  function onFix(json) {
    const fix = toFix(json);
    if (fix.t > Date.now() + MAX_AHEAD_MS) {
      return;
    }
    receive(fix, json.source || "");
  }

  function receive(fix, source) {
    const previous = state.latest;
    if (previous && fix.t <= previous.t) {
      placeEarlier(fix, source);
      return;
    }
    if (source) {
      state.source = source.replace(/-backfill$/, ""); // a poller catching up names its fixes so
    }
    state.latest = fix;
    state.advancedAt = Date.now();
    state.behind = [];
    state.track.push(fix);
    if (state.track.length > TRACK_LIMIT) {
      state.track.splice(0, state.track.length - TRACK_LIMIT);
    }
    state.fixes.push(fix);
    while (state.fixes.length > 0 && state.fixes[0].t < fix.t - CHART_SPAN_MS) {
      state.fixes.shift();
    }
    followOrbit(previous, fix);
    render();
  }

  /**
   * A fix older than the newest: one fetched late (a backfill) or replayed by a stream opened again takes its place
   * in the track, unless it is there already or older than all of it. Live fixes that keep coming older than the
   * newest mean that the data's clock went back: the page starts over from them.
   */
  function placeEarlier(fix, source) {
    const inTrack = state.track.length > 0 && fix.t >= state.track[0].t;
    const added = inTrack && insertInOrder(state.track, fix);
    // one of the same second as the newest (a source stuck on it) does not count
    const clockWentBack = Date.now() > state.replayUntil && !source.endsWith("-backfill") && fix.t < state.latest.t;
    if (clockWentBack) {
      state.behind.push({ fix, source });
      if (state.behind.length >= START_OVER_AFTER_FIXES) {
        const behind = state.behind;
        Object.assign(state, { latest: null, track: [], fixes: [], current: null, behind: [] });
        state.windows.clear();
        behind.forEach((b) => receive(b.fix, b.source));
        loadWindows(chartEnd());
        return;
      }
    }
    if (!added) {
      return;
    }
    if (state.track.length > TRACK_LIMIT) {
      state.track.shift();
    }
    if (fix.t >= state.latest.t - CHART_SPAN_MS) {
      insertInOrder(state.fixes, fix);
    }
    render();
  }

  /** Puts `fix` into `list` (ordered by time) where it belongs; false if a fix of that time is there already. */
  function insertInOrder(list, fix) {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle].t < fix.t) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low < list.length && list[low].t === fix.t) {
      return false;
    }
    list.splice(low, 0, fix);
    return true;
  }

  /** A new revolution starts where the track crosses the equator northwards (the ascending node). */
  function followOrbit(previous, fix) {
    const crossedNode = previous && previous.lat < 0 && fix.lat >= 0 && fix.t - previous.t < 120000;
    if (!state.current || crossedNode) {
      state.current = { since: fix.t, fromNode: Boolean(crossedNode), apogee: fix, perigee: fix };
      return;
    }
    if (fix.altKm > state.current.apogee.altKm) {
      state.current.apogee = fix;
    }
    if (fix.altKm < state.current.perigee.altKm) {
      state.current.perigee = fix;
    }
  }

  function onWindow(json) {
    const start = Date.parse(json.start);
    state.windows.set(start, {
      start,
      end: Date.parse(json.end),
      max: json.max_altitude_km,
      min: json.min_altitude_km,
    });
    const horizon = chartEnd() - 2 * CHART_SPAN_MS;
    for (const key of state.windows.keys()) {
      if (key < horizon) {
        state.windows.delete(key);
      }
    }
    render();
  }

  /** The chart ends at the newest data, not at the wall clock, so that a replay of old data still shows. */
  function chartEnd() {
    let end = state.latest ? state.latest.t : 0;
    for (const w of state.windows.values()) {
      end = Math.max(end, w.end);
    }
    return end || Date.now();
  }

  let frameRequested = false;
  function render() {
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(() => {
        frameRequested = false;
        draw();
      });
    }
  }

  function draw() {
    const latest = state.latest;
    if (latest) {
      $("now-altitude").textContent = fmt(latest.altKm, 2);
      $("now-speed").textContent = Math.round(latest.speedKmh).toLocaleString("en-US");
      $("now-position").textContent = latLon(latest.lat, latest.lon);
      $("now-visibility").textContent = latest.visibility === "eclipsed" ? "in Earth's shadow" : "in daylight";
      $("now-time").textContent = utc(latest.t);
    }
    if (state.current) {
      $("current-label").textContent = state.current.fromNode
        ? `current, since node ${hms(state.current.since)}`
        : `current, since ${hms(state.current.since)}`;
      setOrbitCell("current-apogee", state.current.apogee.altKm, state.current.apogee.t, state.current.apogee);
      setOrbitCell("current-perigee", state.current.perigee.altKm, state.current.perigee.t, state.current.perigee);
    }
    $("track-note").textContent = state.track.length > 0 ? `${state.track.length} fixes` : "";
    IssCharts.drawMap($("map"), {
      land: window.ISS_WORLD.land,
      track: state.track,
      latest,
      apogee: state.lastOrbit && state.lastOrbit.apogee,
      perigee: state.lastOrbit && state.lastOrbit.perigee,
    });
    IssCharts.drawAltitude($("altitude"), {
      fixes: state.fixes,
      windows: Array.from(state.windows.values()),
      end: chartEnd(),
      span: CHART_SPAN_MS,
    });
  }

  /** "420.13 km" with the time and place underneath. */
  function setOrbitCell(id, altKm, atMs, where) {
    const cell = $(id);
    const detail = document.createElement("small");
    detail.textContent = `${hms(atMs)} · ${latLon(where.lat, where.lon)}`;
    cell.replaceChildren(`${fmt(altKm, 2)} km`, detail);
  }

  function showPeak(peak) {
    $("max-altitude").textContent = fmt(peak.altitude_km, 3);
    $("max-at").textContent = `reached ${utc(Date.parse(peak.at))}`;
  }

  function showOrbit(orbit) {
    state.lastOrbit = orbit;
    const point = (p) => ({ lat: p.latitude, lon: p.longitude });
    setOrbitCell("orbit-apogee", orbit.apogee.altitude_km, Date.parse(orbit.apogee.at), point(orbit.apogee));
    setOrbitCell("orbit-perigee", orbit.perigee.altitude_km, Date.parse(orbit.perigee.at), point(orbit.perigee));
    const gaps = orbit.gaps === 0 ? "no gaps" : `${orbit.gaps} gap${orbit.gaps > 1 ? "s" : ""} (longest ${fmt(orbit.longest_gap_s, 0)} s)`;
    $("orbit-summary").textContent = `ended ${utc(Date.parse(orbit.end))} · period ${fmt(orbit.period_s / 60, 1)} min · `
      + `${orbit.samples} fixes · coverage ${fmt(orbit.coverage * 100, 1)}% · ${gaps}`;
    render();
  }

  function showHealth(status, report) {
    const pill = $("health-state");
    if (!report) {
      pill.textContent = `unreachable (${status})`;
      pill.className = "pill pill-bad";
      const unknown = document.createElement("li");
      unknown.className = "muted placeholder";
      unknown.textContent = "no answer from /health: the components' state is unknown";
      $("health").replaceChildren(unknown); // not the last answer's green dots
      return;
    }
    pill.textContent = report.ready ? "ready" : "not ready";
    pill.className = report.ready ? "pill pill-ok" : "pill pill-bad";
    const items = Object.keys(report.components).sort().map((name) => {
      const component = report.components[name];
      const li = document.createElement("li");
      li.className = component.status;
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.title = component.status;
      const label = document.createElement("span");
      label.className = "name";
      label.textContent = name;
      const detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = component.status === "UP" ? component.detail : `${component.status}: ${component.detail}`;
      li.replaceChildren(dot, label, detail);
      return li;
    });
    $("health").replaceChildren(...items);
    if (!state.latest && report.components.source) {
      state.source = (report.components.source.detail || "").split(",")[0]; // "simulator, 0 ok / 12 slots lately, ..."
    }
  }

  async function refresh() {
    if (Date.now() - state.windowEventAt > 3 * REFRESH_MS) {
      await loadWindows(chartEnd()); // no window events (`iss serve`, or gold idle): ask gold
    }
    const [max, orbits, health] = await Promise.allSettled([
      getJson("api/v1/altitude/max"),
      getJson("api/v1/orbits?limit=1"),
      getJson("health"),
    ]);
    if (max.status === "fulfilled" && max.value.status === 200) {
      showPeak(max.value.body);
    }
    if (orbits.status === "fulfilled" && orbits.value.status === 200 && orbits.value.body.length > 0) {
      showOrbit(orbits.value.body[0]);
    }
    if (health.status === "fulfilled") {
      showHealth(health.value.status, health.value.body); // 503 still carries the report
    } else {
      showHealth("no answer", null);
    }
  }

  const since = (ms) => (ms < 120000 ? `${Math.round(ms / 1000)} s` : ms < 7200000 ? `${Math.round(ms / 60000)} min`
    : `${Math.round(ms / 3600000)} h`);

  /** Header: where the data comes from, whether the stream is live, how long since a new fix arrived. */
  function tick() {
    const source = $("source");
    const simulated = state.source === "simulator";
    source.textContent = simulated ? "source simulator: not the real ISS position" : `source ${state.source || "—"}`;
    source.className = simulated ? "pill pill-wait" : "pill";
    const connection = $("connection");
    const quiet = state.advancedAt === null ? null : Date.now() - state.advancedAt;
    if (!state.streamOpen) {
      connection.textContent = "reconnecting…";
      connection.className = "pill pill-bad";
    } else if (quiet === null) {
      connection.textContent = "live, no fix yet";
      connection.className = "pill pill-wait";
    } else if (quiet > STALE_AFTER_MS) {
      connection.textContent = `live, no new fix for ${since(quiet)}`;
      connection.className = "pill pill-wait";
    } else {
      connection.textContent = "live";
      connection.className = "pill pill-ok";
    }
    $("clock").textContent = utc(Date.now());
    if (stream && stream.readyState !== EventSource.CLOSED && Date.now() - state.heardAt > SILENT_STREAM_MS) {
      stream.close(); // closed here, it reports no error: open the next one at once
      state.streamOpen = false;
      openStream();
    }
  }

  let stream = null;
  let retryMs = FIRST_RETRY_MS;

  function openStream() {
    const current = new EventSource("api/v1/stream");
    stream = current;
    state.heardAt = Date.now();
    const heard = () => { state.heardAt = Date.now(); };
    current.onopen = () => {
      state.streamOpen = true;
      state.replayUntil = Date.now() + REPLAY_MS;
      retryMs = FIRST_RETRY_MS;
      heard();
      tick();
    };
    current.onerror = () => {
      state.streamOpen = false;
      tick();
      // EventSource retries a dropped connection by itself, but gives up on an answer other than 200 (a 503 when
      // every stream is taken, which asks for 10 s): then open a new one, waiting longer each time, up to a minute,
      // and a random part of it, so that refused tabs do not come back all at once
      if (current.readyState === EventSource.CLOSED && current === stream) {
        setTimeout(openStream, retryMs / 2 + Math.random() * retryMs / 2);
        retryMs = Math.min(retryMs * 2, 60000);
      }
    };
    current.addEventListener("fix", (e) => { heard(); onFix(JSON.parse(e.data)); });
    current.addEventListener("window", (e) => {
      heard();
      state.windowEventAt = Date.now();
      onWindow(JSON.parse(e.data));
    });
    current.addEventListener("heartbeat", heard);
  }

  /**
   * Gold's windows from the ten minutes (and one) before `end` on, so that the band is there before live windows
   * arrive, and so that a page without them (`iss serve`) gets those committed since.
   */
  async function loadWindows(end) {
    const from = new Date(end - CHART_SPAN_MS - 60000).toISOString();
    // a page with fixes follows their time; one without (`iss serve` alone) the clock's
    const to = new Date((state.latest ? end : Math.max(end, Date.now())) + 60000).toISOString();
    const windows = await getJson(`api/v1/altitude/windows?from=${from}&to=${to}&limit=1000`).catch(() => null);
    if (windows && windows.status === 200) {
      windows.body.forEach(onWindow);
    }
  }

  /** Each refresh starts once the last one has ended: a slow server gets one request of each kind at a time. */
  async function refreshForever() {
    try {
      await refresh();
    } catch (e) {
      showHealth("no answer", null);
    }
    setTimeout(refreshForever, REFRESH_MS);
  }

  async function start() {
    // The newest fix only dates the data (it may be a replay of old data); the fixes themselves, recent ones
    // included, come from the stream, which would otherwise be dropped as older than this one.
    const latest = await getJson("api/v1/telemetry/latest").catch(() => null);
    const newest = latest && latest.status === 200 ? Date.parse(latest.body.event_time) : null;
    await loadWindows(newest !== null ? newest + 60000 : Date.now());
    openStream();
    setInterval(tick, 1000);
    tick();
    render();
    await refreshForever();
  }

  window.addEventListener("resize", render);
  start();
})();
