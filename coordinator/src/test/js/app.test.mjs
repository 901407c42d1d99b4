// The dashboard's pages rendered in a fake DOM (fake-dom.mjs) from API replies recorded from a demo run (fixtures/,
// trimmed, with a search step, a generator-bound step and hostile strings added by hand; run-flows.json is the run
// StepDetailsStoreIT stores and reads back through RunQueries, as the coordinator writes it, plus a hostile check label
// and failure message). Checks what the user sees
// and what the page sends: the token handling, the 401 form, escaping, and the calls it makes.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { install, clicked } from './fake-dom.mjs';
import { API } from '../../main/resources/dev/loadlab/coordinator/dashboard/lib.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const done = fixture('run-succeeded');
const running = fixture('run-running');
const flows = fixture('run-flows');
const replies = {
  'GET /api/v1/runs': fixture('runs'),
  [`GET /api/v1/runs/${done.id}`]: done,
  [`GET /api/v1/runs/${running.id}`]: running,
  [`GET /api/v1/runs/${done.id}/steps/0/timeline`]: fixture('timeline'),
  [`GET /api/v1/runs/${done.id}/steps/4/timeline`]: fixture('timeline'),
  [`GET /api/v1/runs/${running.id}/steps/0/timeline`]: fixture('timeline'),
  [`GET /api/v1/runs/${flows.id}`]: flows,
  [`GET /api/v1/runs/${flows.id}/steps/0/timeline`]: fixture('timeline'),
  [`POST /api/v1/runs/${running.id}/cancel`]: { httpStatus: 202, body: { id: running.id, status: 'CANCELLING' } },
  'GET /api/v1/scenarios': fixture('scenarios'),
  'GET /api/v1/agents': [{ id: 'demo-agent-1', host: 'vm', cores: 2, protocolVersion: 2, version: '0.1.0-SNAPSHOT', state: 'BUSY' }],
  'POST /api/v1/scenarios/smoke/runs': { httpStatus: 202, body: { id: 'new-run', status: 'QUEUED' } },
  'GET /api/v1/compare': fixture('compare'),
  [`GET /api/v1/runs/${done.id}/steps/0/percentiles`]: {
    runId: done.id, stepIndex: 0, unit: 'ms', totalCount: 1000, maxMs: 700, meanMs: 480.5, ticksPerHalfDistance: 5,
    percentiles: [{ percentile: 0, valueMs: 300, count: 1 }, { percentile: 50, valueMs: 491, count: 500 },
      { percentile: 90, valueMs: 520, count: 900 }, { percentile: 99, valueMs: 553, count: 990 }, { percentile: 100, valueMs: 700, count: 1000 }],
  },
  'GET /api/v1/scenarios/gil-cpu': { name: 'gil-cpu', version: 1, scenario: done.scenario },
  'GET /api/v1/scenarios/gil-cpu/trend?metric=p99&profile=multi-process&workers=1': [
    { runId: 'r-old', submittedAt: '2026-11-20T10:00:00Z', value: 600, status: 'SUCCEEDED' },
    { runId: done.id, submittedAt: '2026-11-25T00:07:43Z', value: 553, status: 'SUCCEEDED' }],
  'GET /api/v1/scenarios/gil-cpu/trend?metric=p99&profile=multi-process&workers=2': [
    { runId: done.id, submittedAt: '2026-11-25T00:07:43Z', value: 590, status: 'SUCCEEDED' }],
  'GET /api/v1/scenarios/gil-cpu/trend': [],
  [`GET /api/v1/runs/${done.id}/export?format=csv`]: {
    httpStatus: 200, body: 'kind,index\r\nstep,0\r\n', headers: { 'Content-Disposition': 'attachment; filename="../loadlab-run-1.csv"' },
  },
  [`GET /api/v1/runs/${done.id}/export?format=hlog`]: {
    httpStatus: 404, body: { title: 'Not found', detail: 'no stored histogram', errors: [] },
  },
};
const browser = install(replies);
browser.location.hash = '#/runs?token=s3cret&status=';
await import('../../main/resources/dev/loadlab/coordinator/dashboard/app.js');

const text = () => browser.main.textContent;
const all = (tag) => browser.main.findAll((e) => e.tagName === tag);
const byText = (tag, words) => all(tag).find((e) => e.textContent.includes(words));

after(() => browser.go('#/scenarios')); // leaves a page without auto-refresh, so no timer keeps node alive

test('the token moves from the fragment into sessionStorage and the Authorization header, out of the URL', async () => {
  await browser.go('#/runs');
  assert.equal(browser.storage.get('loadlab.token'), 's3cret');
  assert.equal(browser.location.hash, '#/runs');
  assert.ok(browser.calls.length > 0);
  for (const call of browser.calls) {
    assert.equal(call.headers.Authorization, 'Bearer s3cret');
    assert.ok(!`${call.path}${call.search}`.includes('s3cret'));
  }
});

test('every call the pages make is a route of the API table', async () => {
  await browser.go(`#/runs/${done.id}`);
  await browser.go(`#/compare?baseline=${done.id}&candidate=${done.id}`);
  const routes = Object.values(API).map(([method, template]) => [method, new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)]);
  for (const call of browser.calls) {
    assert.ok(routes.some(([m, path]) => m === call.method && path.test(call.path)), `${call.method} ${call.path}`);
  }
});

test('the runs page lists runs, escapes what the server sent and offers more', async () => {
  await browser.go('#/runs');
  const rows = all('tr').filter((r) => r.findAll((e) => e.tagName === 'td').length);
  assert.equal(rows.length, 2);
  assert.ok(text().includes('note:<img src=x onerror=alert(1)>'), 'the label shows as text');
  assert.equal(all('img').length, 0);
  assert.equal(all('script').length, 0);
  assert.ok(text().includes('RUNNING'));
  assert.ok(text().includes('Agents: demo-agent-1 (vm, 2 cores, BUSY)'));
  assert.ok(rows.some((r) => r.textContent.includes('5/10')), 'finished / planned steps of the succeeded run');
  assert.ok(all('th').some((e) => e.textContent === 'Verdict'));
  const verdicts = all('span').filter((e) => (e.getAttribute('class') || '').startsWith('verdict-'));
  assert.deepEqual(verdicts.map((e) => e.textContent), ['—', 'inconclusive'], 'a running run has no verdict yet');
  const more = byText('button', 'More');
  assert.ok(more, 'a nextCursor offers more');
  await more.fire('click');
  assert.ok(browser.calls.some((c) => c.search.includes('cursor=next-page')));
});

test('a run shows charts from its series, steps with generator reasons, search probes and the measurement texts', async () => {
  await browser.go(`#/runs/${done.id}`);
  const charts = browser.charts.filter((c) => !c.destroyed);
  assert.equal(charts.length, 7, 'scaling, knee, cores, p99, two timeline charts and the percentile plot');
  const [scaling] = charts;
  assert.deepEqual(scaling.data[0], [1, 2], 'x: the worker counts');
  assert.deepEqual(scaling.options.series.slice(1, 1 + done.series.length).map((s) => s.label), done.series.map((s) => s.profile), 'one line per profile');
  assert.deepEqual(scaling.data[1], done.series[0].points.map((p) => p.throughputRps));
  assert.equal(scaling.target.getAttribute('role'), 'img');
  assert.ok(scaling.target.getAttribute('aria-label').startsWith('Throughput by workers (median over repeats): multi-process, threaded-gil'));
  const numbers = all('details').find((d) => (d.getAttribute('class') || '') === 'numbers');
  assert.ok(numbers.textContent.includes('129') && numbers.textContent.includes('186'), 'the numbers in a table');
  assert.ok(byText('figcaption', 'Knee'), 'a knee chart for a run with a search step');
  const timeline = charts.find((c) => c.options.series[1].label === 'requests/s');
  assert.equal(timeline.options.hooks.drawClear.length, 1, 'the warm-up is shaded behind the lines');
  const percentiles = charts[charts.length - 1];
  assert.equal(percentiles.options.axes[0].values(null, percentiles.options.axes[0].splits()).join(' '), '0% 50% 90% 99% 99.9%');
  assert.deepEqual(percentiles.data[1], [300, 491, 520, 553, 700]);
  assert.ok(Math.abs(percentiles.data[0][3] - 2) < 1e-9, '99 % at 2 on the 1 - p axis');
  assert.ok(text().includes('1000 measured responses, max 700 ms'));
  await browser.go(`#/runs/${done.id}`);
  assert.ok(charts.every((c) => c.destroyed), 'a page drawn again drops its old charts');

  const bound = structuredClone(done);
  bound.id = 'bound-run';
  bound.series[0].points[1].generatorBound = true;
  replies['GET /api/v1/runs/bound-run'] = bound;
  await browser.go('#/runs/bound-run');
  const marked = browser.charts.filter((c) => !c.destroyed)[0];
  const ring = marked.options.series.find((s) => s.label === 'multi-process: generator-bound');
  assert.ok(ring, 'generator-bound points are marked, named in the legend');
  assert.equal(ring.points.show, true);
  assert.deepEqual(marked.data[marked.options.series.indexOf(ring)], [null, 185.9], 'only the bound point');
  assert.ok(all('details')[0].textContent.includes('186 (generator-bound)'), 'and flagged in the numbers');
  assert.ok(text().includes('Ringed points were measured while the load generator was the bottleneck'));
  assert.ok(text().includes('bound (agent-cpu)'), 'a generator-bound step names the rule that fired');
  assert.ok(text().includes('agent demo-agent-1 averaged 97% of its cores <b>in the window</b>'));
  assert.ok(text().includes('under-loaded'), 'an under-loaded step is marked apart from a generator-bound one');
  assert.ok(text().includes('1 user for 2 workers: at most 1 worker can be busy'));
  assert.ok(text().includes(done.measurement.underLoaded));
  assert.equal(all('b').length, 0);
  assert.ok(text().includes('knee 94.0 requests/s (probe 3)'));
  const probes = all('table').find((t) => t.textContent.includes('Offered req/s'));
  assert.ok(probes.textContent.includes('below 90%'), 'a failed probe says why');
  assert.ok(text().includes(done.measurement.series));
  assert.ok(text().includes(done.measurement.generatorBound));
  assert.ok(text().includes(done.measurement.timeline));
  assert.ok(!byText('button', 'Cancel'), 'no cancel once a run has ended');
});

test('with an SLO, each step says whether it met it and which rules it broke', async () => {
  const judged = structuredClone(done);
  judged.id = 'judged-run';
  judged.steps.forEach((step, i) => {
    step.slo = i === 0
      ? { slo: { p99Ms: 100, errorRate: 0.01 }, met: false, reasons: ['p99 188 ms is above the SLO\'s 100 ms'] }
      : { slo: { p99Ms: 100, errorRate: 0.01 }, met: true, reasons: [] };
  });
  judged.measurement.slo = 'the step\'s verdict against the scenario\'s slo';
  replies['GET /api/v1/runs/judged-run'] = judged;
  replies['GET /api/v1/runs/judged-run/steps/0/timeline'] = fixture('timeline');
  await browser.go('#/runs/judged-run');
  const steps = all('table').find((t) => t.textContent.includes('Start skew ms'));
  assert.ok(steps.findAll((e) => e.tagName === 'th').some((e) => e.textContent === 'SLO'));
  assert.ok(steps.textContent.includes('missed: p99 188 ms is above the SLO\'s 100 ms'));
  assert.ok(steps.textContent.includes('met'));
  await browser.go(`#/runs/${done.id}`);
  const plain = all('table').find((t) => t.textContent.includes('Start skew ms'));
  assert.ok(!plain.findAll((e) => e.tagName === 'th').some((e) => e.textContent === 'SLO'), 'no SLO column without an SLO');
});

test('each step says whether it was steady: an unsteady one with its drift, a steady one with its spread; an unsteady step\'s SLO is inconclusive; repeats show their CV and drift', async () => {
  await browser.go(`#/runs/${done.id}`);
  const steps = all('table').find((t) => t.textContent.includes('Start skew ms'));
  assert.ok(steps.findAll((e) => e.tagName === 'th').some((e) => e.textContent === 'Steady' && e.getAttribute('title') === done.measurement.steadiness));
  const rows = steps.findAll((e) => e.tagName === 'tr').slice(1);
  assert.ok(rows[0].textContent.includes('unsteady'), 'the first step drifted');
  assert.ok(rows[0].textContent.includes(done.steps[0].steadiness.reason));
  assert.ok(rows[1].textContent.includes('steady') && !rows[1].textContent.includes('unsteady'));
  assert.ok(rows[1].textContent.includes('CV 2.1%, drift +2.0% over 5 s'));
  assert.ok(text().includes(done.measurement.steadiness));

  const judged = structuredClone(done);
  judged.id = 'unsteady-run';
  judged.steps.forEach((step, i) => {
    step.slo = i === 0
      ? { slo: { p99Ms: 1000, errorRate: 0.01 }, met: false, outcome: 'inconclusive', reasons: [`the measured window was not steady (${step.steadiness.reason}), so no verdict can rest on it`] }
      : { slo: { p99Ms: 1000, errorRate: 0.01 }, met: true, outcome: 'passed', reasons: [] };
  });
  judged.series[0].points[0].repeats = 6;
  judged.series[0].points[0].repeatability = { repeats: 6, meanRps: 309.7, cv: 0.086, drift: 0.2128, monotoneDrift: true, note: 'throughput rose with every repeat (282, 286, 290, 325, 333, 342 req/s, +21.3 % from the first to the last)' };
  judged.series[0].points[1].repeats = 2;
  judged.series[0].points[1].repeatability = { repeats: 2, meanRps: 185.9, cv: 0.012, drift: 0.017, monotoneDrift: false, note: null };
  replies['GET /api/v1/runs/unsteady-run'] = judged;
  replies['GET /api/v1/runs/unsteady-run/steps/0/timeline'] = fixture('timeline');
  await browser.go('#/runs/unsteady-run');
  const table = all('table').find((t) => t.textContent.includes('Start skew ms'));
  assert.ok(table.textContent.includes('inconclusive: the measured window was not steady'));
  const repeats = all('ul').find((u) => u.getAttribute('aria-label') === 'repeats');
  const items = repeats.findAll((e) => e.tagName === 'li');
  assert.equal(items.length, 2);
  assert.ok(items[0].textContent.startsWith('multi-process W=1: 6 repeats, CV 8.6%: monotone drift — throughput rose with every repeat'));
  assert.ok(items[0].textContent.endsWith('(a repeat was unsteady)'));
  assert.equal(items[0].getAttribute('class'), 'flag');
  assert.equal(items[1].textContent, 'multi-process W=2: 2 repeats, CV 1.2%');
});

test('a finished run shows its verdict apart from its status, with the steps behind it', async () => {
  await browser.go(`#/runs/${done.id}`);
  const facts = all('dl')[0];
  const dd = facts.findAll((e) => e.tagName === 'dd').find((e) => (e.getAttribute('class') || '') === 'verdict');
  assert.ok(dd, 'a Verdict fact');
  assert.ok(dd.textContent.startsWith(`inconclusive — ${done.verdict.reason}`));
  const lines = dd.findAll((e) => e.tagName === 'li').map((e) => e.textContent);
  assert.equal(lines.length, 2);
  assert.ok(lines[0].startsWith('step 0 (multi-process W=1): the measured window was not steady'));
  assert.ok(lines[1].includes('<b>in the window</b>'), 'a reason shows as text');
  assert.equal(all('b').length, 0);
  assert.ok(text().includes(done.measurement.verdict));

  await browser.go(`#/runs/${running.id}`);
  assert.ok(!all('dd').some((e) => (e.getAttribute('class') || '') === 'verdict'), 'no verdict before the end');
});

test('a finished run offers its exports: fetched with the token, saved under the coordinator\'s file name', async () => {
  await browser.go(`#/runs/${done.id}`);
  const offered = all('p').find((p) => (p.getAttribute('class') || '') === 'downloads');
  assert.ok(offered, 'a downloads line');
  for (const name of ['HTML report', 'CSV', 'JUnit XML', 'HdrHistogram log']) {
    assert.ok(offered.textContent.includes(name), name);
  }
  await byText('button', 'CSV').fire('click');
  const sent = browser.calls.findLast((c) => c.path === `/api/v1/runs/${done.id}/export`);
  assert.equal(sent.search, '?format=csv');
  assert.equal(sent.headers.Authorization, 'Bearer s3cret');
  const saved = clicked.at(-1);
  assert.equal(saved.tagName, 'a');
  assert.equal(saved.getAttribute('download'), 'loadlab-run-1.csv', 'no directory from the header');
  assert.ok(saved.getAttribute('href').startsWith('blob:'));

  const before = clicked.length;
  await byText('button', 'HdrHistogram log').fire('click');
  assert.equal(clicked.length, before, 'nothing saved from a refusal');
  assert.ok(text().includes('no stored histogram'), 'the refusal is shown');

  await browser.go(`#/runs/${running.id}`);
  assert.ok(!all('p').some((p) => (p.getAttribute('class') || '') === 'downloads'), 'no exports while it runs');
});

test('a run with flows shows per step its flows, failed checks by label, first failure messages and stages', async () => {
  await browser.go(`#/runs/${flows.id}`);
  assert.ok(byText('h2', 'Flows, checks and stages'));
  const flowTable = all('table').find((t) => (t.getAttribute('class') || '') === 'flows');
  const shopper = flowTable.findAll((e) => e.tagName === 'tr').find((r) => r.textContent.startsWith('shopper'));
  const cells = shopper.findAll((e) => e.tagName === 'td').map((td) => td.textContent);
  assert.deepEqual(cells, ['shopper', '70', '2.00', '4', '5.71%', '500', '2000', '2000', '2000', '875.0']);
  assert.ok(flowTable.textContent.includes('admin'));

  const checks = all('table').find((t) => (t.getAttribute('class') || '') === 'failed-checks');
  const checkRows = checks.findAll((e) => e.tagName === 'tr').slice(1).map((r) => r.findAll((e) => e.tagName === 'td').map((td) => td.textContent));
  assert.deepEqual(checkRows.map((r) => r.slice(0, 3)), [
    ['read', 'status', '5'], ['read', 'jsonPath($.sku)', '3'], ['read', 'header(X-<b>bad</b>)', '2'], ['read', 'maxMs(500)', '1']]);

  const messages = all('div').find((d) => (d.getAttribute('class') || '') === 'failure-messages');
  const items = messages.findAll((e) => e.tagName === 'li').map((li) => li.textContent);
  assert.equal(items.length, flows.steps[0].failureMessages.length);
  assert.equal(items[0], 'read: status: expected [200], found 503 — 2 agents');
  assert.ok(items.includes('read: jsonPath($.sku): expected "a1", found "b2" — 1 agent'));
  assert.ok(items.some((i) => i.includes('expected "<script>alert(1)</script>", found "<img src=x onerror=alert(1)>"')), 'shown as text');
  assert.equal(all('script').length, 0);
  assert.equal(all('img').length, 0);
  assert.equal(all('b').length, 0);

  const stages = all('table').find((t) => (t.getAttribute('class') || '') === 'stages');
  const stageRows = stages.findAll((e) => e.tagName === 'tr').slice(1).map((r) => r.findAll((e) => e.tagName === 'td').map((td) => td.textContent));
  assert.deepEqual(stageRows, [
    ['1', '20 users, ramp 10s', '5', '30', '0', '6.0', '10', '30', '30', '30'],
    ['2', '20 users, hold 30s', '30', '600', '9', '20.0', '30', '900', '900', '900']]);

  assert.ok(text().includes('stages 20 users, ramp 10s then 20 users, hold 30s'), 'the load as asked');
  assert.ok(text().includes('Flows: shopper: GET /items/1; admin: GET /items'));
  assert.ok(text().includes(flows.measurement.flows));
  assert.ok(text().includes(flows.measurement.stages));
});

test('a run says which connection behaviour it measured, and whether the scenario chose it', async () => {
  await browser.go(`#/runs/${done.id}`);
  const facts = all('dl').find((d) => (d.getAttribute('class') || '') === 'facts');
  assert.ok(facts.textContent.includes('Connections'));
  assert.ok(facts.textContent.includes("per-user (each user keeps its own keep-alive connection; the closed model's default)"));
  assert.ok(text().includes(done.measurement.connections), 'the measurement text says what each value means');
  await browser.go(`#/runs/${flows.id}`);
  assert.ok(text().includes('close-each (every request opens a new connection and closes it after the answer)'));
  assert.ok(!text().includes("close-each (every request opens a new connection and closes it after the answer; the"), 'chosen, not a default');
});

test('a run shows per step its target processes: pid, role, CPU s, share, requests and the imbalance note', async () => {
  await browser.go(`#/runs/${done.id}`);
  assert.ok(byText('h2', 'Target workers'));
  const sections = all('section').filter((e) => (e.getAttribute('class') || '') === 'target-workers');
  assert.equal(sections.length, done.steps.length);
  const second = sections[1];
  assert.ok(second.textContent.includes('Step 2 (multi-process W=2) — 1.12 of 2.0 cores'));
  const rows = second.findAll((e) => e.tagName === 'tr').slice(1).map((r) => r.findAll((e) => e.tagName === 'td').map((td) => td.textContent));
  assert.deepEqual(rows, [['12154', 'worker', '2.72', '96.0%', '610'], ['12156', 'worker', '0.11', '4.0%', '28']]);
  const note = second.findAll((e) => e.tagName === 'p').find((p) => p.textContent.startsWith('Imbalance: '));
  assert.ok(note.textContent.includes('one of 2 workers did 96 % of the work: keep-alive connections stay on the worker that accepted them'));
  assert.ok(!sections[0].textContent.includes('Imbalance'), 'no note on an even step');

  const command = structuredClone(done);
  command.id = 'command-run';
  command.steps = [command.steps[1]];
  command.steps[0].profile = 'gunicorn-sync';
  command.steps[0].target.imbalance = null;
  command.steps[0].target.workers = [
    { pid: 7, role: 'worker', cpuSeconds: 1.5, cpuShare: 0.5, requests: null },
    { pid: 5, role: 'master', cpuSeconds: 0.01, cpuShare: 0.003, requests: null },
    { pid: 6, role: 'worker', cpuSeconds: 1.49, cpuShare: 0.497, requests: null }];
  replies['GET /api/v1/runs/command-run'] = command;
  replies['GET /api/v1/runs/command-run/steps/0/timeline'] = fixture('timeline');
  await browser.go('#/runs/command-run');
  const table = all('table').find((t) => (t.getAttribute('class') || '') === 'workers');
  const commandRows = table.findAll((e) => e.tagName === 'tr').slice(1).map((r) => r.findAll((e) => e.tagName === 'td').map((td) => td.textContent));
  assert.deepEqual(commandRows, [
    ['6', 'worker', '1.49', '49.7%', '—'], ['7', 'worker', '1.50', '50.0%', '—'], ['5', 'master', '0.01', '0.3%', '—']]);
});

test('a run of v1 steps shows no flows, checks or stages section', async () => {
  await browser.go(`#/runs/${done.id}`);
  assert.ok(!byText('h2', 'Flows, checks and stages'));
  assert.ok(!all('table').some((t) => ['flows', 'stages', 'failed-checks'].includes(t.getAttribute('class'))));
});

test('the page scripts build the DOM from nodes only: no HTML parsing sinks', () => {
  for (const file of ['app.js', 'lib.js']) {
    const source = readFileSync(new URL(`../../main/resources/dev/loadlab/coordinator/dashboard/${file}`, import.meta.url), 'utf8');
    assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/.test(source), file);
  }
});

test('choosing another step draws its timeline', async () => {
  await browser.go(`#/runs/${done.id}`);
  const select = all('select').find((s) => s.getAttribute('id') === 'timeline-step');
  select.value = '4';
  await select.fire('change');
  assert.ok(browser.calls.some((c) => c.path.endsWith('/steps/4/timeline')));
  assert.ok(text().includes('Step 5, second by second'));
});

test('a running run shows its live probe and cancels after confirmation', async () => {
  await browser.go(`#/runs/${running.id}`);
  const panel = all('div').find((d) => d.getAttribute('role') === 'status');
  assert.ok(panel.textContent.includes('probe 2 at 50.0 offered requests/s'), panel.textContent);
  const cancel = byText('button', 'Cancel run');
  await cancel.fire('click');
  assert.ok(browser.calls.some((c) => c.method === 'POST' && c.path === `/api/v1/runs/${running.id}/cancel`));
});

test('compare names the method and gives each verdict a usable class', async () => {
  await browser.go(`#/compare?baseline=${done.id}&candidate=${done.id}`);
  assert.ok(text().includes("Welch's t-test"));
  assert.ok(text().includes('5% of the baseline: a smaller change counts as none'));
  assert.ok(text().includes('Holm (step-down'));
  assert.ok(text().includes('repeats: n = 6/6, means 123 → 105 req/s, t = -8.12 (df 9.7), p = 0.0000120, Holm p = 0.0000240, effect -15.0% [-19.2%, -10.9%]'), text());
  assert.ok(text().includes('batches of 1 s: n = 2/2'));
  const verdicts = all('td').filter((td) => (td.getAttribute('class') || '').startsWith('verdict-'));
  assert.ok(verdicts.length >= 2);
  for (const td of verdicts) {
    assert.ok(!/\s/.test(td.getAttribute('class')), td.getAttribute('class'));
  }
});

test('compare draws both runs\' scaling curves over each other: the baseline dashed, the candidate solid', async () => {
  await browser.go(`#/compare?baseline=${done.id}&candidate=${done.id}`);
  assert.ok(byText('h2', 'Scaling, baseline against candidate'));
  const charts = browser.charts.filter((c) => !c.destroyed);
  assert.equal(charts.length, 2, 'throughput and p99');
  const series = charts[0].options.series.slice(1);
  const baseline = series.find((s) => s.label === 'multi-process (baseline)');
  const candidate = series.find((s) => s.label === 'multi-process (candidate)');
  assert.ok(baseline.dash && baseline.dash.length, 'the baseline is dashed');
  assert.equal(candidate.dash, undefined, 'the candidate is solid');
  assert.ok(baseline.stroke.startsWith(candidate.stroke), 'the same colour, the baseline lighter');
  assert.equal(charts[0].data.length, 1 + series.length, 'one column per series on the same x');
});

test('a scenario\'s trend charts each cell over its runs and links them, reachable from its run and the scenarios page', async () => {
  await browser.go(`#/runs/${done.id}`);
  assert.ok(all('a').some((a) => a.getAttribute('href') === '#/scenarios/gil-cpu/trend'), 'linked from the run');
  await browser.go('#/scenarios');
  assert.ok(all('a').some((a) => a.getAttribute('href') === '#/scenarios/smoke/trend'), 'linked from the scenarios page');
  await browser.go('#/scenarios/gil-cpu/trend?metric=p99');
  assert.ok(text().startsWith('Trend of gil-cpu'), text().slice(0, 80));
  const trends = browser.calls.filter((c) => c.path === '/api/v1/scenarios/gil-cpu/trend');
  assert.equal(trends.length, 10, 'one call per cell: 5 profiles × 2 worker counts');
  assert.ok(trends.every((c) => c.search.startsWith('?metric=p99&profile=')));
  const [chart] = browser.charts.filter((c) => !c.destroyed);
  assert.equal(chart.options.scales.x.time, true, 'runs along time');
  assert.deepEqual(chart.data[0], [Date.parse('2026-11-20T10:00:00Z') / 1000, Date.parse('2026-11-25T00:07:43Z') / 1000]);
  assert.deepEqual(chart.data[1], [600, 553]);
  assert.deepEqual(chart.data[2], [null, 590]);
  const table = all('table').find((t) => t.textContent.startsWith('p99 of each run'));
  const rows = table.findAll((e) => e.tagName === 'tr').filter((r) => r.findAll((e) => e.tagName === 'td').length);
  assert.equal(rows.length, 2);
  assert.ok(rows[1].findAll((e) => e.tagName === 'a').some((a) => a.getAttribute('href') === `#/runs/${done.id}`), 'each run linked');
  assert.ok(rows[1].textContent.includes('553') && rows[1].textContent.includes('590'));
});

test('a scenario runs with a merge patch and labels, then the page follows the new run', async () => {
  await browser.go('#/scenarios');
  assert.ok(text().includes('(built-in)'));
  const shop = all('tr').find((r) => r.textContent.startsWith('shop'));
  assert.deepEqual(shop.findAll((e) => e.tagName === 'li').map((li) => li.textContent),
    ['shopper: once POST /login | GET /items/1', 'admin: GET /items'], 'a flows scenario lists its flows');
  assert.ok(shop.textContent.includes('stages 20 users, ramp 10s then 20 users, hold 30s'));
  const row = all('tr').find((r) => r.textContent.startsWith('smoke'));
  await row.findAll((e) => e.tagName === 'button')[0].fire('click');
  const form = row.findAll((e) => e.tagName === 'form')[0];
  const [patch] = form.findAll((e) => e.tagName === 'textarea');
  const [labels] = form.findAll((e) => e.tagName === 'input');
  patch.value = '{"load": {"duration": "1s"}}';
  labels.value = 'source:dashboard';
  await form.fire('submit');
  const post = browser.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/scenarios/smoke/runs');
  assert.equal(post.body, '{"load": {"duration": "1s"}}');
  assert.equal(post.search, '?label=source%3Adashboard');
  assert.equal(post.headers['Content-Type'], 'application/json');
  assert.equal(browser.location.hash, '#/runs/new-run');
});

test('a 401 asks for a token, and the one entered is used next', async () => {
  const saved = replies['GET /api/v1/scenarios'];
  replies['GET /api/v1/scenarios'] = { httpStatus: 401, body: { title: 'Unauthorized' } };
  await browser.go('#/scenarios');
  const input = all('input').find((i) => i.getAttribute('type') === 'password');
  assert.ok(input, text());
  assert.ok(all('label').some((l) => l.getAttribute('for') === input.getAttribute('id')));
  replies['GET /api/v1/scenarios'] = saved;
  input.value = 'other-token';
  await all('form')[0].fire('submit');
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(browser.storage.get('loadlab.token'), 'other-token');
  assert.equal(browser.calls[browser.calls.length - 1].headers.Authorization, 'Bearer other-token');
  assert.ok(text().includes('(built-in)'));
});

test('a slow answer for a page the user has left does not paint over the page shown now', async () => {
  const key = `GET /api/v1/runs/${done.id}`;
  replies[key] = { httpStatus: 200, body: done, delayMs: 50 };
  const leaving = browser.go(`#/runs/${done.id}`);
  await browser.go('#/scenarios');
  await leaving;
  await new Promise((resolve) => setTimeout(resolve, 80));
  replies[key] = done;
  assert.ok(text().startsWith('Scenarios'), text().slice(0, 80));
});
