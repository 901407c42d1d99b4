// The dashboard's pure functions: the API routes it calls, URL fragments, number formatting and chart geometry.
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
  scenarios: ['GET', '/api/v1/scenarios'],
  startScenario: ['POST', '/api/v1/scenarios/{name}/runs'],
  compare: ['GET', '/api/v1/compare'],
  agents: ['GET', '/api/v1/agents'],
});

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

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^n), ascending. */
export function niceTicks(min, max, count = 5) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    return [];
  }
  if (min === max) {
    max = min === 0 ? 1 : min + Math.abs(min) * 0.5;
    min = min === 0 ? 0 : min - Math.abs(min) * 0.5;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const first = Math.floor(min / step) * step;
  const ticks = [];
  for (let v = first; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toFixed(12)));
  }
  if (ticks[ticks.length - 1] < max) {
    ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(12)));
  }
  return ticks;
}

/** A function mapping [d0, d1] onto [r0, r1]; log2 when `log` (every domain value must then be > 0). */
export function scale([d0, d1], [r0, r1], log = false) {
  const f = log ? Math.log2 : (v) => v;
  const a = f(d0);
  const b = f(d1);
  if (a === b) {
    return () => (r0 + r1) / 2;
  }
  return (v) => r0 + ((f(v) - a) / (b - a)) * (r1 - r0);
}

/**
 * Pixel geometry of a line chart. `lines` is [{name, points: [{x, y, ...}]}]; points without a number for x or y are
 * left out. The y axis starts at 0 (throughput and cores are read against zero); the x axis is log2 when every x is
 * positive and they span at least a factor of 4 (1, 2, 4 … 32 workers spread evenly), linear otherwise. Returns the
 * plot box, x and y ticks with their positions, each line's points with px/py, and xAt (x value -> px). `logX`
 * false forces a linear x axis (time).
 */
export function chartModel(lines, { width = 560, height = 260, logX = 'auto', margin = { top: 12, right: 16, bottom: 36, left: 56 } } = {}) {
  const usable = lines.map((line) => ({
    ...line,
    points: line.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)),
  }));
  const all = usable.flatMap((line) => line.points);
  const box = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  if (!all.length) {
    return { width, height, box, xTicks: [], yTicks: [], lines: [], empty: true, xAt: () => box.left };
  }
  const xs = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  const xMin = xs[0];
  const xMax = xs[xs.length - 1];
  const log = logX === 'auto' ? xMin > 0 && xMax / xMin >= 4 : Boolean(logX);
  const yTicks = niceTicks(0, Math.max(...all.map((p) => p.y), 0), 5);
  const yTop = yTicks[yTicks.length - 1];
  const x = scale([xMin, xMax], [box.left, box.right], log);
  const y = scale([0, yTop], [box.bottom, box.top]);
  const xValues = log || xs.length <= 12 ? xs : niceTicks(xMin, xMax, 8).filter((v) => v >= xMin && v <= xMax);
  return {
    width,
    height,
    box,
    log,
    empty: false,
    xAt: x,
    xTicks: xValues.map((value) => ({ value, pos: round1(x(value)) })),
    yTicks: yTicks.map((value) => ({ value, pos: round1(y(value)) })),
    lines: usable.map((line) => ({
      ...line,
      points: line.points.map((p) => ({ ...p, px: round1(x(p.x)), py: round1(y(p.y)) })),
    })),
  };
}

function round1(v) {
  return Math.round(v * 10) / 10;
}

/** An SVG path ("M x y L x y …") through points with px/py, rounded to 0.1 px. */
export function linePath(points) {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.px.toFixed(1)} ${p.py.toFixed(1)}`).join(' ');
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
