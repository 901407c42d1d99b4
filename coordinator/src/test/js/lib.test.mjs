// Unit tests of the dashboard's pure functions; run by `node --test coordinator/src/test/js/` (no dependencies) and,
// when node is installed, by DashboardScriptsTest during the Maven build.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  API, apiPath, queryString, parseFragment, fmtNumber, fmtRps, fmtPercent, fmtDelta, fmtTime, fmtElapsed,
  plannedSteps, plannedCell, niceTicks, scale, chartModel, linePath, seriesLines, fmtTick,
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

test('niceTicks covers the range with round steps', () => {
  assert.deepEqual(niceTicks(0, 812, 5), [0, 200, 400, 600, 800, 1000]);
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 0, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(NaN, 3), []);
  const ticks = niceTicks(0, 1.93, 5);
  assert.ok(ticks[ticks.length - 1] >= 1.93);
});

test('scale maps linearly or on log2', () => {
  const lin = scale([0, 10], [100, 200]);
  assert.equal(lin(5), 150);
  const log = scale([1, 32], [0, 500], true);
  assert.equal(log(1), 0);
  assert.equal(log(32), 500);
  assert.equal(log(4), 200);
  assert.equal(scale([3, 3], [0, 10])(3), 5);
});

test('chartModel puts workers on log2, starts y at zero and skips points without numbers', () => {
  const lines = seriesLines([
    { profile: 'async', points: [{ workers: 1, throughputRps: 100, generatorBound: false }, { workers: 4, throughputRps: 380, generatorBound: true }] },
    { profile: 'threaded-gil', points: [{ workers: 1, throughputRps: 90 }, { workers: 2, throughputRps: null }] },
  ], 'throughputRps');
  const m = chartModel(lines, { width: 500, height: 200, margin: { top: 10, right: 10, bottom: 30, left: 40 } });
  assert.equal(m.log, true);
  assert.deepEqual(m.xTicks.map((t) => t.value), [1, 4]);
  assert.equal(m.yTicks[0].value, 0);
  assert.equal(m.yTicks[0].pos, 170);
  assert.ok(m.yTicks[m.yTicks.length - 1].value >= 380);
  assert.equal(m.lines[0].points[0].px, 40);
  assert.equal(m.lines[0].points[1].px, 490);
  assert.equal(m.lines[0].points[1].generatorBound, true);
  assert.equal(m.lines[1].points.length, 1);
  assert.equal(linePath(m.lines[0].points).split(' ')[0], 'M40.0');
});

test('chartModel on time is linear and an empty chart says so', () => {
  const m = chartModel([{ name: 'rps', points: [1, 2, 3, 4, 5, 6].map((s) => ({ x: s, y: 10 * s })) }], { logX: false });
  assert.equal(m.log, false);
  assert.ok(Math.abs(m.xAt(3.5) - (m.box.left + m.box.right) / 2) < 1e-9);
  assert.equal(chartModel([{ name: 'x', points: [{ x: 1, y: null }] }]).empty, true);
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
