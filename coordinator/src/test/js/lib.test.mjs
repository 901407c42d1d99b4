// Unit tests of the dashboard's pure functions; run by `node --test coordinator/src/test/js/` (no dependencies) and,
// when node is installed, by DashboardScriptsTest during the Maven build.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  API, apiPath, queryString, parseFragment, fmtNumber, fmtRps, fmtPercent, fmtDelta, fmtTime, fmtElapsed,
  plannedSteps, plannedCell, seriesLines, fmtTick,
  alignLines, logWorkers, chartRows, chartLabel, warmupSpans, probeEdges, timelineLines, compareLines, percentileX,
  fmtPercentileTick, percentilePoints, percentileTicks, trendCells, trendLines, trendRuns, fmtTrendValue,
  fmtFlow, workloadLines, fmtStage, failedCheckRows, fmtConnections, workerRows, generatorFlag,
  steadinessFlag, fmtRepeatability, verdictView,
} from '../../main/resources/dev/loadlab/coordinator/dashboard/lib.js';

test('apiPath encodes each parameter as one path segment', () => {
  assert.equal(apiPath(API.run[1], { id: 'abc' }), '/api/v1/runs/abc');
  assert.equal(apiPath(API.timeline[1], { id: 'r', index: 0 }), '/api/v1/runs/r/steps/0/timeline');
  assert.equal(apiPath(API.startScenario[1], { name: '../x?y=1#z' }), '/api/v1/scenarios/..%2Fx%3Fy%3D1%23z/runs');
  assert.throws(() => apiPath(API.run[1], {}), /needs id/);
});

test('every API entry is a method and an /api/v1 path', () => {
  for (const [method, path] of Object.values(API)) {
    assert.match(method, /^(GET|POST|PUT|DELETE)$/);
    assert.match(path, /^\/api\/v1\//);
  }
});

test('queryString repeats arrays, drops empty values and encodes', () => {
  assert.equal(queryString({}), '');
  assert.equal(queryString({ scenario: '', status: 'RUNNING', label: ['a:b', 'c d'] }), '?status=RUNNING&label=a%3Ab&label=c+d');
  assert.equal(queryString({ cursor: null, limit: 25 }), '?limit=25');
});

test('parseFragment takes the token out and keeps the route and other parameters', () => {
  const plain = parseFragment('#token=s3cret');
  assert.equal(plain.token, 's3cret');
  assert.equal(plain.route, '/runs');
  assert.equal(plain.hash, '#/runs');

  const run = parseFragment('#/runs/42?token=t%2Bu&x=1');
  assert.equal(run.token, 't+u');
  assert.equal(run.route, '/runs/42');
  assert.equal(run.params.get('x'), '1');
  assert.equal(run.hash, '#/runs/42?x=1');

  const amp = parseFragment('#/runs/42&token=t');
  assert.equal(amp.route, '/runs/42');
  assert.equal(amp.token, 't');

  const none = parseFragment('');
  assert.equal(none.token, null);
  assert.equal(none.route, '/runs');

  const compare = parseFragment('#/compare?baseline=a&candidate=b');
  assert.equal(compare.token, null);
  assert.equal(compare.params.get('candidate'), 'b');
  assert.equal(compare.hash, '#/compare?baseline=a&candidate=b');
});

test('formatting shows absent values as a dash and numbers at a sensible precision', () => {
  assert.equal(fmtNumber(null), '\u2014');
  assert.equal(fmtNumber(undefined, 2), '\u2014');
  assert.equal(fmtNumber(1.005, 1), '1.0');
  assert.equal(fmtRps(94.04), '94.0');
  assert.equal(fmtRps(1234.6), '1235');
  assert.equal(fmtPercent(0.0123), '1.23%');
  assert.equal(fmtDelta(12.5, 3.1), '+12.5 (+3.10%)');
  assert.equal(fmtDelta(-2, -50, 0), '-2 (-50.00%)');
  assert.equal(fmtDelta(0, null), '0.0');
  assert.equal(fmtTime('2026-11-24T23:58:07.123Z'), '2026-11-24 23:58:07 UTC');
  assert.equal(fmtTime(null), '\u2014');
  assert.equal(fmtElapsed('2026-01-01T00:00:00Z', '2026-01-01T00:01:05Z'), '1m 05s');
  assert.equal(fmtElapsed('2026-01-01T00:00:00Z', '2026-01-01T00:00:12.3Z'), '12.3 s');
  assert.equal(fmtElapsed('2026-01-01T00:00:00Z', null), '\u2014');
  assert.equal(fmtTick(2.5), '2.5');
  assert.equal(fmtTick(15000), '15k');
});

test('planned steps and cells follow the coordinator order: profiles, then workers, then repeats', () => {
  const scenario = { target: { profiles: ['async', 'green'], workers: [1, 2, 4] }, repeats: 2 };
  assert.equal(plannedSteps(scenario), 12);
  assert.deepEqual(plannedCell(scenario, 0), { profile: 'async', workers: 1 });
  assert.deepEqual(plannedCell(scenario, 1), { profile: 'async', workers: 1 });
  assert.deepEqual(plannedCell(scenario, 7), { profile: 'green', workers: 1 });
  assert.deepEqual(plannedCell(scenario, 9), { profile: 'green', workers: 2 });
  assert.equal(plannedSteps({ target: {} }), 1);
  assert.equal(plannedCell({ target: {} }, 0), null);
});

test('alignLines puts every line on the union of their x values, with gaps, bound markers and no non-numbers', () => {
  const lines = seriesLines([
    { profile: 'async', points: [{ workers: 1, throughputRps: 100, generatorBound: false }, { workers: 4, throughputRps: 380, generatorBound: true }] },
    { profile: 'threaded-gil', points: [{ workers: 1, throughputRps: 90 }, { workers: 2, throughputRps: null }, { workers: 8, throughputRps: 95 }] },
  ], 'throughputRps');
  const a = alignLines(lines);
  assert.deepEqual(a.names, ['async', 'threaded-gil']);
  assert.deepEqual(a.x, [1, 4, 8], 'workers 2 had no figure, so no x of its own');
  assert.deepEqual(a.ys, [[100, 380, null], [90, null, 95]]);
  assert.deepEqual(a.bound, [[null, 380, null], [null, null, null]]);
  assert.equal(a.boundAny, true);
  assert.equal(a.empty, false);
  assert.equal(logWorkers(a.x), true);
  assert.equal(logWorkers([1, 2]), false);
  assert.equal(logWorkers([0, 8]), false);
  assert.equal(alignLines([{ name: 'x', points: [{ x: 1, y: null }] }]).empty, true);

  const table = chartRows(a, 'workers W');
  assert.deepEqual(table.header, ['workers W', 'async', 'threaded-gil']);
  assert.deepEqual(table.rows, [['1', '100', '90'], ['4', '380 (generator-bound)', '—'], ['8', '—', '95']]);
  assert.equal(chartLabel('Throughput', a, 'workers W'), 'Throughput: async, threaded-gil over workers W 1 to 8; the numbers are in the table below the chart.');
  assert.equal(chartLabel('Throughput', alignLines([]), 'W'), 'Throughput: no data yet');
});

test('a timeline shades each run of warm-up seconds and marks where each search probe starts', () => {
  const seconds = [0, 1, 2, 3, 4, 5].map((second) => ({ second, warmup: second < 2, requests: 10 * second, errors: 0, latencyMs: second === 3 ? null : { p50: 5, p99: 9 }, probe: second < 3 ? 1 : 2 }));
  assert.deepEqual(warmupSpans(seconds), [[-0.5, 1.5]]);
  assert.deepEqual(warmupSpans([{ second: 0, warmup: true }, { second: 1 }, { second: 2, warmup: true }]), [[-0.5, 0.5], [1.5, 2.5]]);
  assert.deepEqual(probeEdges(seconds), [{ x: 2.5, probe: 2 }]);
  assert.deepEqual(probeEdges([{ second: 0, probe: null }, { second: 1, probe: null }]), []);
  const lines = timelineLines(seconds);
  assert.deepEqual(lines.rate.map((l) => l.name), ['requests/s', 'errors/s']);
  const latency = alignLines(lines.latency);
  assert.deepEqual(latency.x, [0, 1, 2, 4, 5], 'a second without latency has no point');
  assert.deepEqual(alignLines([...lines.rate, ...lines.latency]).ys[2], [9, 9, 9, null, 9, 9], 'beside one with, it is a gap');
});

test('compareLines gives per profile a baseline and a candidate curve of the whole step, median over repeats', () => {
  const step = (profile, workers, request, repeat, b, c, bound = false) => ({
    profile, workers, request, repeat,
    baselineStep: { generatorBound: bound }, candidateStep: { generatorBound: false },
    throughputRps: { baseline: b, candidate: c }, p99Ms: { baseline: b / 10, candidate: c / 10 },
  });
  const report = {
    steps: [
      step('async', 1, 'all', 0, 100, 90), step('async', 1, 'all', 1, 120, 96), step('async', 1, 'all', 2, 110, 93),
      step('async', 2, 'all', 0, 200, 150, true), step('async', 2, 'hello', 0, 50, 40),
      step('threaded', 1, 'all', 0, 80, 81),
      step(null, null, 'all', 0, 5, 5),
    ],
  };
  const lines = compareLines(report, 'throughputRps');
  assert.deepEqual(lines.map((l) => [l.name, l.profile, l.side]), [
    ['async (baseline)', 'async', 'baseline'], ['async (candidate)', 'async', 'candidate'],
    ['threaded (baseline)', 'threaded', 'baseline'], ['threaded (candidate)', 'threaded', 'candidate']]);
  assert.deepEqual(lines[0].points.map((p) => [p.x, p.y, p.generatorBound]), [[1, 110, false], [2, 200, true]]);
  assert.deepEqual(lines[1].points.map((p) => [p.x, p.y, p.generatorBound]), [[1, 93, false], [2, 150, false]]);
  const a = alignLines(lines);
  assert.deepEqual(a.x, [1, 2], 'both runs on the same x axis');
  assert.deepEqual(a.ys[3], [81, null]);
  assert.deepEqual(compareLines(report, 'p99Ms')[0].points.map((p) => p.y), [11, 20]);
  assert.deepEqual(compareLines({ steps: [step(null, null, 'all', 0, 5, 5)] }, 'throughputRps'), []);
});

test('the percentile plot puts 1 - p on a log axis: one step right per nine', () => {
  assert.equal(percentileX(0), 0);
  assert.ok(Math.abs(percentileX(50) - Math.log10(2)) < 1e-12);
  assert.ok(Math.abs(percentileX(90) - 1) < 1e-12);
  assert.ok(Math.abs(percentileX(99) - 2) < 1e-12);
  assert.ok(Math.abs(percentileX(99.9) - 3) < 1e-9);
  assert.ok(Math.abs(percentileX(99.99) - 4) < 1e-8);
  assert.equal(percentileX(100), Infinity);
  assert.deepEqual(percentileTicks(3.2).map(fmtPercentileTick), ['0%', '50%', '90%', '99%', '99.9%', '99.99%']);
  assert.deepEqual(percentileTicks(0.5).map(fmtPercentileTick), ['0%', '50%', '90%', '99%']);
  const points = percentilePoints({
    totalCount: 2000,
    percentiles: [{ percentile: 0, valueMs: 1, count: 3 }, { percentile: 50, valueMs: 4, count: 1000 }, { percentile: 99.9, valueMs: 30, count: 1998 }, { percentile: 100, valueMs: 41, count: 2000 }],
  });
  assert.deepEqual(points.map((p) => p.y), [1, 4, 30, 41]);
  assert.ok(Math.abs(points[3].x - Math.log10(2000)) < 1e-12, 'the maximum sits at one response in totalCount');
  assert.equal(percentilePoints({ totalCount: 1, percentiles: [{ percentile: 100, valueMs: 7, count: 1 }] })[0].x, 1);
  assert.deepEqual(percentilePoints({ totalCount: 0, percentiles: [] }), []);
});

test('a trend follows each cell of the sweep over runs, and its table lists each run once', () => {
  const cells = trendCells({ target: { profiles: ['async', 'threaded'], workers: [1, 4] } });
  assert.deepEqual(cells.map((c) => c.name), ['async W=1', 'async W=4', 'threaded W=1', 'threaded W=4']);
  assert.deepEqual(trendCells({ target: { baseUrl: 'http://x' } }), [{ profile: null, workers: null, name: 'as is' }]);
  const answers = [
    [{ runId: 'r1', submittedAt: '2026-11-24T10:00:00Z', value: 100, status: 'SUCCEEDED' }, { runId: 'r2', submittedAt: '2026-11-25T10:00:00Z', value: 110, status: 'FAILED' }],
    [{ runId: 'r2', submittedAt: '2026-11-25T10:00:00Z', value: 300, status: 'FAILED' }],
    [], [],
  ];
  const lines = trendLines(cells, answers);
  assert.deepEqual(lines[0].points.map((p) => [p.x, p.y, p.runId]), [[Date.parse('2026-11-24T10:00:00Z') / 1000, 100, 'r1'], [Date.parse('2026-11-24T10:00:00Z') / 1000 + 86400, 110, 'r2']]);
  const runs = trendRuns(lines);
  assert.deepEqual(runs.map((r) => [r.runId, r.status, r.values]), [['r1', 'SUCCEEDED', [100, null, null, null]], ['r2', 'FAILED', [110, 300, null, null]]]);
  assert.equal(fmtTrendValue('errorRate', 0.0123), '1.23%');
  assert.equal(fmtTrendValue('throughput', 1234.4), '1234');
  assert.equal(fmtTrendValue('p99', 12.6), '13');
  assert.equal(fmtTrendValue('p99', null), '—');
});

test('a flows workload is one line per flow: once part, loop steps, pauses and weights', () => {
  const flow = {
    name: 'shopper',
    weight: 3,
    once: [{ method: 'POST', path: '/login' }],
    steps: [{ path: '/items' }, { method: 'GET', pause: { fixed: '1s' } }, { method: 'POST', path: '/items' }],
  };
  assert.equal(fmtFlow(flow), 'shopper ×3: once POST /login | GET /items → pause → POST /items');
  assert.deepEqual(workloadLines({ flows: [flow, { name: 'b', weight: 1, steps: [{ path: '/' }] }] }),
    ['shopper ×3: once POST /login | GET /items → pause → POST /items', 'b: GET /']);
  assert.deepEqual(workloadLines({ requests: [{ path: '/a', weight: 2 }, { method: 'PUT', path: '/b', weight: 1 }] }), ['GET /a ×2', 'PUT /b']);
  assert.deepEqual(workloadLines(undefined), []);
});

test('a stage reads as asked, closed or open', () => {
  assert.equal(fmtStage({ users: 20, ramp: '10s' }), '20 users, ramp 10s');
  assert.equal(fmtStage({ rate: 5, ramp: '5s', hold: '1m' }), '5.0/s, ramp 5s, hold 1m');
  assert.equal(fmtStage({ users: 0, hold: '30s' }), '0 users, hold 30s');
});

test('the connection behaviour reads with its meaning, and as a default when the scenario did not choose', () => {
  assert.equal(fmtConnections('per-user', { model: 'closed' }), "per-user (each user keeps its own keep-alive connection; the closed model's default)");
  assert.equal(fmtConnections('shared', { model: 'open', connections: 'shared' }), 'shared (all users share one pool of keep-alive connections)');
  assert.equal(fmtConnections('close-each'), 'close-each (every request opens a new connection and closes it after the answer)');
  assert.equal(fmtConnections(undefined, { model: 'closed' }), '—');
  assert.equal(fmtConnections('pooled', {}), 'pooled');
});

test('failed checks are listed most failures first, then by label', () => {
  assert.deepEqual(failedCheckRows({ b: 1, status: 5, a: 1 }), [['status', 5], ['a', 1], ['b', 1]]);
  assert.deepEqual(failedCheckRows(undefined), []);
});

test('workerRows lists workers first, then masters and helpers, with a dash for what is unknown', () => {
  const rows = workerRows({ workers: [
    { pid: 30, role: 'helper', cpuSeconds: 0, cpuShare: 0, requests: null },
    { pid: 20, role: 'master', cpuSeconds: 0.25, cpuShare: 0.05, requests: null },
    { pid: 22, role: 'worker', cpuSeconds: 2.5, cpuShare: 0.5, requests: null },
    { pid: 21, role: 'worker', cpuSeconds: 2.25, cpuShare: 0.45, requests: 0 },
  ] });
  assert.deepEqual(rows.map((r) => [r.pid, r.role, r.cpuSeconds, r.share, r.requests]), [
    ['21', 'worker', '2.25', '45.0%', '0'],
    ['22', 'worker', '2.50', '50.0%', '—'],
    ['20', 'master', '0.25', '5.0%', '—'],
    ['30', 'helper', '0.00', '0.0%', '—']]);
  // A step stored before per-process CPU: only its requests are known.
  assert.deepEqual(workerRows({ workers: [{ pid: 1, role: 'worker', cpuSeconds: null, cpuShare: null, requests: 9 }] })
    .map((r) => [r.cpuSeconds, r.share, r.requests]), [['—', '—', '9']]);
  assert.deepEqual(workerRows(null), []);
});

test('generatorFlag names the rules that fired, marks an under-loaded step apart, and reads older steps', () => {
  const bound = generatorFlag({
    generatorBound: true,
    generatorReason: 'agent a-1 used 59 % of its 2 cores (limit 50 %) while the target used 0.95 of its 2.0 cores',
    generatorRules: [{ rule: 'agent-half-machine', detail: 'agent a-1 used 59 %' }, { rule: 'machine-saturated', detail: 'm' }],
    underLoaded: true,
  });
  assert.equal(bound.kind, 'bound');
  assert.equal(bound.text, 'bound (agent-half-machine, machine-saturated)');
  assert.match(bound.detail, /0\.95 of its 2\.0 cores/);
  const under = generatorFlag({ generatorBound: false, generatorRules: [], underLoaded: true, underLoadedReason: '4 users for 8 workers' });
  assert.deepEqual(under, { kind: 'under-loaded', text: 'under-loaded', detail: '4 users for 8 workers' });
  assert.deepEqual(generatorFlag({ generatorBound: true, generatorReason: 'old reason' }), { kind: 'bound', text: 'bound', detail: 'old reason' });
  assert.equal(generatorFlag({ generatorBound: false }).kind, 'ok');
});

test('steadinessFlag flags an unsteady step with its reason, shows a steady one\'s spread, and marks an unjudged one', () => {
  const throughput = { metric: 'requests/s', seconds: 30, mean: 300, cv: 0.0312, firstThird: 298, lastThird: 301, drift: 0.0101 };
  assert.deepEqual(steadinessFlag({ steadiness: { unsteady: false, reason: null, throughput, targetCpu: null } }),
    { kind: 'steady', text: 'steady', detail: 'CV 3.1%, drift +1.0% over 30 s' });
  assert.deepEqual(steadinessFlag({ steadiness: { unsteady: true, reason: 'throughput drifted +9.0 %', throughput, targetCpu: null } }),
    { kind: 'unsteady', text: 'unsteady', detail: 'throughput drifted +9.0 %' });
  assert.equal(steadinessFlag({ steadiness: null }).kind, 'unjudged');
  assert.equal(steadinessFlag({}).text, 'not judged');
});

test('fmtRepeatability gives the repeats\' CV, and the note when they drifted monotonically', () => {
  assert.equal(fmtRepeatability({ repeatability: null }), null);
  assert.equal(fmtRepeatability({ repeatability: { repeats: 3, cv: 0.0149, monotoneDrift: false, note: null } }), '3 repeats, CV 1.5%');
  assert.equal(fmtRepeatability({ repeatability: { repeats: 6, cv: 0.086, monotoneDrift: true, note: 'rose' } }), '6 repeats, CV 8.6%: monotone drift — rose');
});

test('verdictView words a run\'s verdict with one line per step behind it, and is pending before the end', () => {
  assert.deepEqual(verdictView(null), { kind: 'pending', text: '—', reason: null, steps: [] });
  const v = verdictView({
    outcome: 'failed',
    reason: '1 step broke the SLO: step 3 (threaded W=4)',
    steps: [{ index: 3, profile: 'threaded', workers: 4, repeat: 1, outcome: 'failed', reasons: ['p99 250 ms is above the SLO\'s 100 ms', 'error rate 2.00% is above the SLO\'s 1.00%'] },
      { index: 0, profile: null, workers: null, repeat: 0, outcome: 'failed', reasons: ['p99 300 ms is above the SLO\'s 100 ms'] }],
  });
  assert.equal(v.kind, 'failed');
  assert.equal(v.reason, '1 step broke the SLO: step 3 (threaded W=4)');
  assert.deepEqual(v.steps, [
    'step 3 (threaded W=4, repeat 2): p99 250 ms is above the SLO\'s 100 ms; error rate 2.00% is above the SLO\'s 1.00%',
    'step 0 (target): p99 300 ms is above the SLO\'s 100 ms',
  ]);
});
