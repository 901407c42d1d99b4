// The dashboard's pure functions: the API routes it calls, URL fragments, number formatting and the data each chart
// hands to uPlot (app.js draws it).
// No DOM and no network here, so `node --test` can check all of it (coordinator/src/test/js/).

/**
 * Every REST call the dashboard makes, as [method, path template]. Calls go through this table only: DashboardIT
 * reads it from the served file and checks each entry against openapi.yaml and the router, so a renamed route breaks
 * the build instead of the page.
 */
export const API = Object.freeze({
  runs: ['GET', '/api/v1/runs'],
  run: ['GET', '/api/v1/runs/{id}'],
  cancel: ['POST', '/api/v1/runs/{id}/cancel'],
  timeline: ['GET', '/api/v1/runs/{id}/steps/{index}/timeline'],
  percentiles: ['GET', '/api/v1/runs/{id}/steps/{index}/percentiles'],
  export: ['GET', '/api/v1/runs/{id}/export'],
  scenarios: ['GET', '/api/v1/scenarios'],
  scenario: ['GET', '/api/v1/scenarios/{name}'],
  trend: ['GET', '/api/v1/scenarios/{name}/trend'],
  startScenario: ['POST', '/api/v1/scenarios/{name}/runs'],
  compare: ['GET', '/api/v1/compare'],
  agents: ['GET', '/api/v1/agents'],
});

/** The run exports the run page offers for download: the API's format and the link's text. */
export const EXPORTS = Object.freeze([
  ['html', 'HTML report'],
  ['csv', 'CSV'],
  ['junit', 'JUnit XML'],
  ['hlog', 'HdrHistogram log'],
]);

/** The file name in a Content-Disposition header ("attachment; filename=\"x.csv\""), without any directory; or `fallback`. */
export function dispositionName(header, fallback) {
  const match = /filename="?([^";]+)"?/i.exec(header || '');
  const name = match ? match[1].split(/[\\/]/).pop() : '';
  return name && name !== '.' && name !== '..' ? name : fallback;
}

/** The path of `template` with each {param} replaced by its value, percent-encoded as one path segment. */
export function apiPath(template, params = {}) {
  return template.replace(/\{([^}]+)\}/g, (_, name) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${template} needs ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

/** A query string ("?a=1&label=x&label=y", or "") from an object; arrays repeat the key, empty values are left out. */
export function queryString(query = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null && String(one) !== '') {
        search.append(key, String(one));
      }
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Splits a location hash ("#/runs/ID?token=T&x=1") into the route ("/runs/ID"), its parameters (without the token),
 * the token (or null), and the hash to show instead (the same, without the token). "#token=T" alone is accepted too.
 */
export function parseFragment(hash) {
  let text = (hash || '').replace(/^#/, '');
  let route = text;
  let query = '';
  const mark = text.search(/[?&]/);
  if (text.startsWith('token=')) {
    route = '';
    query = text;
  } else if (mark >= 0) {
    route = text.slice(0, mark);
    query = text.slice(mark + 1);
  }
  const params = new URLSearchParams(query);
  const token = params.get('token');
  params.delete('token');
  const rest = params.toString();
  route = route.replace(/\/+$/, '') || '/runs';
  return { route, params, token: token || null, hash: `#${route}${rest ? `?${rest}` : ''}` };
}

const DASH = '\u2014';

/** A number with `digits` decimals, or an em dash when absent. */
export function fmtNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return DASH;
  }
  return Number(value).toFixed(digits);
}

/** Requests per second: one decimal below 100, whole numbers above. */
export function fmtRps(value) {
  if (value === null || value === undefined) {
    return DASH;
  }
  return fmtNumber(value, Math.abs(value) < 100 ? 1 : 0);
}

/** A share 0..1 as a percentage with `digits` decimals. */
export function fmtPercent(share, digits = 2) {
  return share === null || share === undefined ? DASH : `${fmtNumber(share * 100, digits)}%`;
}

/** A signed delta with its percentage, e.g. "+12.5 (+3.10%)". */
export function fmtDelta(delta, percent, digits = 1) {
  if (delta === null || delta === undefined) {
    return DASH;
  }
  const sign = (v) => (v > 0 ? '+' : '');
  const pct = percent === null || percent === undefined ? '' : ` (${sign(percent)}${fmtNumber(percent, 2)}%)`;
  return `${sign(delta)}${fmtNumber(delta, digits)}${pct}`;
}

/** An ISO instant as "2026-11-24 23:58:07 UTC" (the coordinator's clock, unambiguous for every reader). */
export function fmtTime(iso) {
  if (!iso) {
    return DASH;
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Seconds between two ISO instants as "1m 05s" / "12.3 s", or an em dash. */
export function fmtElapsed(fromIso, toIso) {
  if (!fromIso || !toIso) {
    return DASH;
  }
  const seconds = (new Date(toIso) - new Date(fromIso)) / 1000;
  if (!(seconds >= 0)) {
    return DASH;
  }
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** "k:v, k2:v2" for a labels object, or an em dash. */
export function fmtLabels(labels) {
  const entries = Object.entries(labels || {});
  return entries.length ? entries.map(([k, v]) => `${k}:${v}`).join(', ') : DASH;
}

/** How many steps a scenario plans: profiles × worker counts × repeats (1 each when absent). */
export function plannedSteps(scenario) {
  const target = (scenario && scenario.target) || {};
  const profiles = Math.max(1, (target.profiles || []).length);
  const workers = Math.max(1, (target.workers || []).length);
  return profiles * workers * Math.max(1, (scenario && scenario.repeats) || 1);
}

/** The profile and worker count of step `index`, in the coordinator's order (profiles outer, then workers, repeats). */
export function plannedCell(scenario, index) {
  const target = (scenario && scenario.target) || {};
  const profiles = target.profiles || [];
  const workers = target.workers || [];
  if (!profiles.length || !workers.length) {
    return null;
  }
  const at = Math.floor(index / Math.max(1, scenario.repeats || 1));
  return { profile: profiles[Math.floor(at / workers.length)], workers: workers[at % workers.length] };
}

/** One flow of a scenario as a line: "name ×weight: once GET /login | GET /items → pause → POST /items". */
export function fmtFlow(flow) {
  const step = (r) => (r.path ? `${r.method || 'GET'} ${r.path}` : 'pause');
  const once = (flow.once || []).map(step);
  const loop = (flow.steps || []).map(step);
  return `${flow.name}${flow.weight && flow.weight !== 1 ? ` ×${flow.weight}` : ''}: ${once.length ? `once ${once.join(' → ')} | ` : ''}${loop.join(' → ')}`;
}

/** What a workload does, one entry per request (v1 mix) or per flow. */
export function workloadLines(workload) {
  const w = workload || {};
  if (w.flows) {
    return w.flows.map(fmtFlow);
  }
  return (w.requests || []).map((r) => `${r.method || 'GET'} ${r.path}${r.weight && r.weight !== 1 ? ` ×${r.weight}` : ''}`);
}

/** A load stage as asked: "20 users, ramp 10s" / "5/s, hold 30s"; both durations when both are given. */
export function fmtStage(stage) {
  const level = stage.users !== undefined && stage.users !== null ? `${stage.users} users` : `${fmtRps(stage.rate)}/s`;
  return [level, stage.ramp ? `ramp ${stage.ramp}` : null, stage.hold ? `hold ${stage.hold}` : null].filter(Boolean).join(', ');
}

const CONNECTION_MEANINGS = Object.freeze({
  'per-user': 'each user keeps its own keep-alive connection',
  shared: 'all users share one pool of keep-alive connections',
  'close-each': 'every request opens a new connection and closes it after the answer',
});

/**
 * The connection behaviour a run was measured with, in words: "per-user (each user keeps its own keep-alive
 * connection)", with "the closed model's default" when the scenario did not choose. `connections` is the run's
 * effective value, `load` the scenario's load as submitted; '—' when the run does not say.
 */
export function fmtConnections(connections, load = {}) {
  if (!connections) {
    return '—';
  }
  const meaning = CONNECTION_MEANINGS[connections];
  const defaulted = !load.connections && load.model ? `; the ${load.model} model's default` : '';
  return `${connections}${meaning || defaulted ? ` (${meaning || ''}${defaulted})` : ''}`;
}

/** A request's failed checks as [label, count] pairs, most failures first (then by label). */
export function failedCheckRows(failedChecks) {
  return Object.entries(failedChecks || {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * A step's target processes as table rows: pid, role, CPU seconds (2 decimals), share of the app's CPU and requests,
 * each "—" when unknown (a command profile's requests, steps stored before per-process CPU); workers first, then
 * masters and helpers, each by pid.
 */
export function workerRows(target) {
  const order = { worker: 0, master: 1, helper: 2 };
  return ((target && target.workers) || [])
    .slice()
    .sort((a, b) => (order[a.role] ?? 3) - (order[b.role] ?? 3) || a.pid - b.pid)
    .map((w) => ({
      pid: String(w.pid),
      role: w.role || 'worker',
      cpuSeconds: fmtNumber(w.cpuSeconds, 2),
      share: fmtPercent(w.cpuShare, 1),
      requests: w.requests === null || w.requests === undefined ? DASH : String(w.requests),
    }));
}

/**
 * A step's Generator column: `bound` with the rules that fired ("bound (agent-cpu, machine-saturated)") and their
 * details, `under-loaded` with why (fewer closed-model users than workers: the scenario's choice, not a generator
 * fault), or `ok`. A step stored before rules were named shows plain "bound" with its reason.
 */
export function generatorFlag(step) {
  const rules = step.generatorRules || [];
  if (step.generatorBound) {
    return {
      kind: 'bound',
      text: rules.length ? `bound (${rules.map((r) => r.rule).join(', ')})` : 'bound',
      detail: step.generatorReason || rules.map((r) => r.detail).join('; ') || 'no reason given',
    };
  }
  if (step.underLoaded) {
    return { kind: 'under-loaded', text: 'under-loaded', detail: step.underLoadedReason || 'fewer users than workers' };
  }
  return { kind: 'ok', text: 'ok', detail: null };
}

/**
 * A step's Steady column: `unsteady` with the drift it found (throughput or the target's CPU moved by more than the
 * bound between the first and last thirds of the measured window, with a significant trend), `steady` with the
 * throughput's spread (its coefficient of variation), or `not judged` (a search probe, a staged load, a window too short,
 * a step stored before the check existed).
 */
export function steadinessFlag(step) {
  const st = step.steadiness;
  if (!st) {
    return { kind: 'unjudged', text: 'not judged', detail: null };
  }
  if (st.unsteady) {
    return { kind: 'unsteady', text: 'unsteady', detail: st.reason || 'drifted' };
  }
  const t = st.throughput || {};
  const cv = Number.isFinite(t.cv) ? `${(t.cv * 100).toFixed(1)}%` : '—';
  const drift = Number.isFinite(t.drift) ? `${t.drift >= 0 ? '+' : ''}${(t.drift * 100).toFixed(1)}%` : '—';
  return { kind: 'steady', text: 'steady', detail: `CV ${cv}, drift ${drift} over ${t.seconds ?? '—'} s` };
}

/**
 * A run's verdict for display: `kind` (passed, failed, inconclusive, or pending while the run has not ended), the
 * word to show, its one-sentence reason and one line per step behind it ("step 3 (threaded W=4): p99 ... ; ...").
 */
export function verdictView(verdict) {
  if (!verdict) {
    return { kind: 'pending', text: '—', reason: null, steps: [] };
  }
  const steps = (verdict.steps || []).map((s) => {
    const at = s.workers == null ? (s.profile || 'target') : `${s.profile || 'target'} W=${s.workers}`;
    const repeat = s.repeat ? `, repeat ${s.repeat + 1}` : '';
    return `step ${s.index} (${at}${repeat}): ${(s.reasons || []).join('; ')}`;
  });
  return { kind: verdict.outcome, text: verdict.outcome, reason: verdict.reason || null, steps };
}

/**
 * A cell's repeats in one line: their throughput's coefficient of variation, and the drift note when they rose or fell
 * with every repeat; null for a single repeat.
 */
export function fmtRepeatability(point) {
  const r = point && point.repeatability;
  if (!r) {
    return null;
  }
  const line = `${r.repeats} repeats, CV ${(r.cv * 100).toFixed(1)}%`;
  return r.monotoneDrift ? `${line}: monotone drift — ${r.note}` : line;
}

/** A run's `series` (API.run) as chart lines of one figure: `key` of each point against its workers. */
export function seriesLines(series, key) {
  return (series || []).map((s) => ({
    name: s.profile,
    points: s.points.map((p) => ({ x: p.workers, y: p[key], generatorBound: p.generatorBound, point: p })),
  }));
}

/** A tick label: whole numbers as such, others with up to 2 decimals, thousands as "1.5k". */
export function fmtTick(value) {
  if (Math.abs(value) >= 10000) {
    return `${Number((value / 1000).toFixed(1))}k`;
  }
  return String(Number(value.toFixed(2)));
}

// ---- chart data: what app.js hands to uPlot ----

/**
 * Chart lines ([{name, points: [{x, y, generatorBound?}]}]) as uPlot's aligned columns: `x` the union of every line's
 * x (ascending), `ys[i]` line i's y at each x (null where it has no point, so uPlot leaves a gap or joins across it),
 * `bound[i]` only its generator-bound points' y (null elsewhere: the markers), `boundAny` whether any point is bound.
 * Points without a finite x or y are left out; `empty` when none is left.
 */
export function alignLines(lines) {
  const usable = lines.map((line) => line.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  const x = [...new Set(usable.flat().map((p) => p.x))].sort((a, b) => a - b);
  const at = new Map(x.map((v, i) => [v, i]));
  const ys = usable.map((points) => {
    const column = x.map(() => null);
    points.forEach((p) => { column[at.get(p.x)] = p.y; });
    return column;
  });
  const bound = usable.map((points) => {
    const column = x.map(() => null);
    points.filter((p) => p.generatorBound).forEach((p) => { column[at.get(p.x)] = p.y; });
    return column;
  });
  return {
    names: lines.map((l) => l.name),
    x,
    ys,
    bound,
    boundAny: bound.some((column) => column.some((v) => v !== null)),
    empty: x.length === 0,
  };
}

/** Whether an x axis of workers is drawn log2: every x positive and spanning a factor of 4 or more (1, 2, 4 … 32). */
export function logWorkers(x) {
  return x.length > 1 && x[0] > 0 && x[x.length - 1] / x[0] >= 4;
}

/**
 * The numbers behind a chart, for its table: a header (the x label, then each line's name) and one row per x value,
 * each cell formatted by `fmtX` / `fmtY` ('—' where a line has no point, " (generator-bound)" after a bound one).
 */
export function chartRows(aligned, xLabel, fmtX = String, fmtY = fmtTick) {
  return {
    header: [xLabel, ...aligned.names],
    rows: aligned.x.map((x, i) => [fmtX(x), ...aligned.ys.map((column, l) => (column[i] === null
      ? DASH
      : `${fmtY(column[i])}${aligned.bound[l][i] !== null ? ' (generator-bound)' : ''}`))]),
  };
}

/** A chart's aria-label: its title, lines, x range and where the numbers are. */
export function chartLabel(title, aligned, xLabel, fmtX = String) {
  if (aligned.empty) {
    return `${title}: no data yet`;
  }
  const range = aligned.x.length > 1 ? `${fmtX(aligned.x[0])} to ${fmtX(aligned.x[aligned.x.length - 1])}` : fmtX(aligned.x[0]);
  return `${title}: ${aligned.names.join(', ')} over ${xLabel} ${range}; the numbers are in the table below the chart.`;
}

/**
 * A step's timeline as x ranges to shade: each run of consecutive warm-up seconds as [first - 0.5, last + 0.5]
 * (a second's point sits at its middle).
 */
export function warmupSpans(seconds) {
  const spans = [];
  for (const p of seconds || []) {
    if (!p.warmup) {
      continue;
    }
    const last = spans[spans.length - 1];
    if (last && last[1] === p.second - 0.5) {
      last[1] = p.second + 0.5;
    } else {
      spans.push([p.second - 0.5, p.second + 0.5]);
    }
  }
  return spans;
}

/** Where a search step's next probe starts in its timeline: [{x, probe}] at the edge before its first second. */
export function probeEdges(seconds) {
  const list = seconds || [];
  return list.filter((p, i) => i > 0 && p.probe !== null && p.probe !== undefined && p.probe !== list[i - 1].probe)
    .map((p) => ({ x: p.second - 0.5, probe: p.probe }));
}

/** The timeline's two charts' lines: responses and errors per second; p99 and p50 per second. */
export function timelineLines(seconds) {
  const list = seconds || [];
  const lat = (key) => (p) => ({ x: p.second, y: p.latencyMs ? p.latencyMs[key] : null });
  return {
    rate: [{ name: 'requests/s', points: list.map((p) => ({ x: p.second, y: p.requests })) },
      { name: 'errors/s', points: list.map((p) => ({ x: p.second, y: p.errors })) }],
    latency: [{ name: 'p99', points: list.map(lat('p99')) }, { name: 'p50', points: list.map(lat('p50')) }],
  };
}

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) {
    return null;
  }
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A comparison's scaling curves of one figure (`key`: throughputRps, p50Ms or p99Ms) for both runs: per profile a
 * baseline line and a candidate line (side 'baseline' / 'candidate', the same `profile` so both get its colour), each
 * point the median over the cell's repeats of the whole step (request "all"), generator-bound when any repeat was.
 * Steps without a profile and worker count (a target used as is) have no curve.
 */
export function compareLines(report, key) {
  const cells = new Map(); // profile -> workers -> {baseline: [], candidate: [], bound flags}
  for (const s of (report && report.steps) || []) {
    if (s.request !== 'all' || !s.profile || !Number.isFinite(s.workers) || !s[key]) {
      continue;
    }
    const byWorkers = cells.get(s.profile) || new Map();
    cells.set(s.profile, byWorkers);
    const cell = byWorkers.get(s.workers) || { baseline: [], candidate: [], baselineBound: false, candidateBound: false };
    byWorkers.set(s.workers, cell);
    cell.baseline.push(s[key].baseline);
    cell.candidate.push(s[key].candidate);
    cell.baselineBound ||= Boolean(s.baselineStep && s.baselineStep.generatorBound);
    cell.candidateBound ||= Boolean(s.candidateStep && s.candidateStep.generatorBound);
  }
  const lines = [];
  for (const [profile, byWorkers] of cells) {
    const workers = [...byWorkers.keys()].sort((a, b) => a - b);
    for (const side of ['baseline', 'candidate']) {
      lines.push({
        name: `${profile} (${side})`,
        profile,
        side,
        points: workers.map((w) => ({ x: w, y: median(byWorkers.get(w)[side]), generatorBound: byWorkers.get(w)[`${side}Bound`] })),
      });
    }
  }
  return lines;
}

/**
 * A percentile's place on the percentile plot's x axis, as HdrHistogram plots it: -log10(1 - p), so 0 %, 90 %,
 * 99 %, 99.9 % … are evenly spaced (0, 1, 2, 3 …) and 50 % sits at log10(2). `percent` is 0..100; 100 % itself is
 * off the axis (Infinity): percentilePoints places it.
 */
export function percentileX(percent) {
  return 0 - Math.log10(1 - percent / 100); // 0, not -0, at 0 %
}

/** The percentile an x of the percentile plot stands for, as a label: "0%", "50%", "90%", "99%", "99.9%", "99.99%". */
export function fmtPercentileTick(x) {
  const percent = 100 * (1 - 10 ** -x);
  const digits = Math.max(0, Math.ceil(x - 1e-9) - 2);
  return `${Number(percent.toFixed(digits))}%`;
}

/**
 * The percentile plot's points from a step's distribution (API.percentiles): x = percentileX of each point, y its
 * latency in ms. The 100 % point (the maximum) goes at log10(totalCount): one response in totalCount, where the
 * slowest one really sits, and never before the previous point.
 */
export function percentilePoints(distribution) {
  const points = [];
  const total = (distribution && distribution.totalCount) || 0;
  for (const p of (distribution && distribution.percentiles) || []) {
    let x = percentileX(p.percentile);
    if (!Number.isFinite(x)) {
      const last = points.length ? points[points.length - 1].x : 0;
      x = Math.max(last, total > 1 ? Math.log10(total) : 1);
    }
    points.push({ x, y: p.valueMs, percentile: p.percentile });
  }
  return points;
}

/** The percentile plot's x ticks up to `maxX`: 0 %, 50 %, 90 %, then one more nine each (99 %, 99.9 % …). */
export function percentileTicks(maxX) {
  const ticks = [0, Math.log10(2), 1];
  for (let nines = 2; nines <= Math.max(2, Math.ceil(maxX - 1e-9)); nines += 1) {
    ticks.push(nines);
  }
  return ticks;
}

/** The figures a trend can follow (API.trend's metric), with the unit shown on the chart's y axis. */
export const TREND_METRICS = Object.freeze({
  throughput: 'requests/s',
  p50: 'p50 ms',
  p99: 'p99 ms',
  errorRate: 'error rate',
});

/**
 * The cells a scenario's trend follows: each profile × worker count of its sweep, or one cell for a target used as
 * is (profile and workers null: API.trend without them).
 */
export function trendCells(scenario) {
  const target = (scenario && scenario.target) || {};
  const profiles = target.profiles || [];
  const workers = target.workers || [];
  if (!profiles.length || !workers.length) {
    return [{ profile: null, workers: null, name: 'as is' }];
  }
  return profiles.flatMap((profile) => workers.map((w) => ({ profile, workers: w, name: `${profile} W=${w}` })));
}

/**
 * A trend's chart lines: one per cell, each point a run (x = its submission in epoch seconds, y the metric's value),
 * `answers[i]` being API.trend's reply for `cells[i]`.
 */
export function trendLines(cells, answers) {
  return cells.map((cell, i) => ({
    name: cell.name,
    points: (answers[i] || []).map((t) => ({ x: Date.parse(t.submittedAt) / 1000, y: t.value, runId: t.runId, status: t.status })),
  }));
}

/** A trend's runs, oldest first, each with its value per cell (null where the run has no such step), for the table. */
export function trendRuns(lines) {
  const runs = new Map();
  lines.forEach((line, l) => line.points.forEach((p) => {
    const run = runs.get(p.runId) || { runId: p.runId, x: p.x, status: p.status, values: lines.map(() => null) };
    run.values[l] = p.y;
    runs.set(p.runId, run);
  }));
  return [...runs.values()].sort((a, b) => a.x - b.x);
}

/** A trend value for display: error rates as percentages, throughput as requests/s, latencies in whole ms. */
export function fmtTrendValue(metric, value) {
  if (value === null || value === undefined) {
    return DASH;
  }
  return metric === 'errorRate' ? fmtPercent(value) : metric === 'throughput' ? fmtRps(value) : fmtNumber(value, 0);
}
