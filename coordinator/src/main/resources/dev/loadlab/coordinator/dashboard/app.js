// The LoadLab dashboard: hash-routed pages over the REST API. Every server string reaches the page as a text node
// (see h()); nothing from the API is parsed as HTML. The bearer token comes from the URL fragment (#token=… or
// #/route?token=…), which browsers never send to a server, lives in sessionStorage and is sent on every API call.
import {
  API, EXPORTS, dispositionName, apiPath, queryString, parseFragment, fmtNumber, fmtRps, fmtPercent, fmtDelta, fmtTime, fmtElapsed, fmtLabels,
  plannedSteps, plannedCell, seriesLines, fmtTick, workloadLines, fmtStage, failedCheckRows,
  alignLines, logWorkers, chartRows, chartLabel, warmupSpans, probeEdges, timelineLines, compareLines,
  percentilePoints, percentileTicks, fmtPercentileTick, TREND_METRICS, trendCells, trendLines, trendRuns, fmtTrendValue,
  fmtConnections,
  workerRows,
  generatorFlag,
  steadinessFlag,
  fmtRepeatability,
  verdictView,
} from './lib.js';

const TOKEN_KEY = 'loadlab.token';
const main = document.getElementById('main');

// ---- DOM helpers: elements and text nodes only, no HTML strings ----

/** An element with attributes (on* keys become listeners) and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function replace(target, ...children) {
  target.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

const link = (hash, text) => h('a', { href: hash }, text);
const status = (s) => h('span', { class: `status status-${s}` }, s);
// A listed run carries its verdict's outcome only; a shown run the whole verdict.
const verdictBadge = (outcome) => h('span', { class: `verdict-${outcome || 'pending'}` }, outcome || '—');
const th = (text, attrs = {}) => h('th', { scope: 'col', ...attrs }, text);
const num = (text, attrs = {}) => h('td', { class: 'num', ...attrs }, text);
const how = (text) => (text ? h('p', { class: 'how' }, text) : null);

// ---- token and API ----

class AuthError extends Error {}

class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Sends one API route from the table in lib.js with the token; resolves to the response (throws on a 401). */
async function send(route, { params, query, body, accept = 'application/json' } = {}) {
  const [method, template] = API[route];
  // Relative to the page, so a coordinator behind a path prefix (…/dashboard/ calls …/api/…) still works.
  const url = new URL(`..${apiPath(template, params)}${queryString(query)}`, document.baseURI);
  const headers = { Accept: accept };
  if (token()) {
    headers.Authorization = `Bearer ${token()}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body, cache: 'no-store', credentials: 'omit' });
  if (response.status === 401) {
    throw new AuthError();
  }
  return response;
}

/** Calls one API route from the table in lib.js; resolves to the parsed JSON (or null for an empty body). */
async function call(route, options = {}) {
  const response = await send(route, options);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { detail: text.slice(0, 300) };
  }
  if (!response.ok) {
    throw new ProblemError(response.status, json || {});
  }
  return json;
}

function problemBox(error) {
  if (!(error instanceof ProblemError)) {
    return h('div', { class: 'problem', role: 'alert' }, `The dashboard could not reach the coordinator: ${error.message}`);
  }
  const p = error.problem;
  const fields = (p.errors || []).map((e) => h('li', {}, h('code', {}, e.field || '$'), ` ${e.message || ''}`));
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, `${error.status} ${p.title || ''}`), ' ', p.detail || '',
    p.field && !fields.length ? [' (field ', h('code', {}, p.field), ')'] : null,
    fields.length ? h('ul', {}, fields) : null);
}

function tokenForm() {
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, size: 40 });
  const form = h('form', {
    class: 'inline',
    onsubmit: (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      render();
    },
  }, h('label', { for: 'token' }, 'API token', input), h('button', { type: 'submit' }, 'Use token'));
  return [
    h('h1', {}, 'This coordinator needs an API token'),
    h('p', {}, token()
      ? 'The token this tab holds was refused (401). Enter another one.'
      : 'Every /api/v1 call needs "Authorization: Bearer <token>". Enter it here, or open the dashboard with #token=… in the address.'),
    form,
    h('p', { class: 'how' }, 'The token stays in this tab (sessionStorage) and is sent only in the Authorization header.'),
  ];
}

function authStatus() {
  const slot = document.getElementById('auth');
  replace(slot, token()
    ? [h('span', {}, 'token set · '), h('button', {
      type: 'button',
      class: 'secondary',
      onclick: () => { sessionStorage.removeItem(TOKEN_KEY); render(); },
    }, 'Forget token')]
    : null);
}

// ---- routing and refresh ----

let generation = 0;
let timer = null;

/** Re-runs `refresh` every `ms` while `again()` holds and the page is still the one shown. */
function every(ms, refresh, again) {
  const mine = generation;
  const tick = async () => {
    if (mine !== generation) {
      return;
    }
    if (again()) {
      try {
        await refresh();
      } catch (error) {
        if (mine === generation) {
          show(error);
        }
      }
      if (mine === generation && again()) {
        timer = setTimeout(tick, ms);
      }
    }
  };
  clearTimeout(timer);
  timer = setTimeout(tick, ms);
}

// Each navigation starts a new generation; a page whose answers arrive after the user has moved on draws nothing.
async function render() {
  generation += 1;
  const mine = generation;
  clearTimeout(timer);
  const fragment = parseFragment(location.hash);
  if (fragment.token) {
    sessionStorage.setItem(TOKEN_KEY, fragment.token);
  }
  if (fragment.token || location.hash !== fragment.hash) {
    // Take the token out of the address bar (and so out of bookmarks and screenshots).
    history.replaceState(null, '', `${location.pathname}${location.search}${fragment.hash}`);
  }
  authStatus();
  dropCharts();
  const { route, params } = fragment;
  const parts = route.split('/').filter(Boolean);
  try {
    if (parts[0] === 'runs' && parts[1]) {
      await runPage(decodeURIComponent(parts[1]));
    } else if (parts[0] === 'scenarios' && parts[1] && parts[2] === 'trend') {
      await trendPage(decodeURIComponent(parts[1]), params);
    } else if (parts[0] === 'scenarios') {
      await scenariosPage();
    } else if (parts[0] === 'compare') {
      await comparePage(params);
    } else {
      await runsPage(params);
    }
  } catch (error) {
    if (mine === generation) {
      show(error);
    }
  }
}

function show(error) {
  if (error instanceof AuthError) {
    clearTimeout(timer);
    generation += 1;
    replace(main, tokenForm());
  } else {
    replace(main, problemBox(error));
  }
}

// ---- Runs ----

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const PAGE = 25;
const stepCounts = new Map(); // run id -> "done/planned" for runs that have ended (they no longer change)

async function runsPage(params) {
  const filter = { scenario: params.get('scenario') || '', status: params.get('status') || '', label: params.getAll('label') };
  const scenarioInput = h('input', { id: 'f-scenario', name: 'scenario', value: filter.scenario, list: 'scenario-names' });
  const statusSelect = h('select', { id: 'f-status', name: 'status' },
    h('option', { value: '' }, 'any'),
    STATUSES.map((s) => h('option', { value: s, selected: s === filter.status }, s)));
  const labelInput = h('input', { id: 'f-label', name: 'label', value: filter.label.join(' '), placeholder: 'key:value' });
  const names = h('datalist', { id: 'scenario-names' });
  const form = h('form', {
    class: 'filters',
    role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/runs${queryString({
        scenario: scenarioInput.value.trim(),
        status: statusSelect.value,
        label: labelInput.value.split(/\s+/).filter(Boolean),
      })}`;
    },
  },
  h('label', { for: 'f-scenario' }, 'Scenario', scenarioInput),
  h('label', { for: 'f-status' }, 'Status', statusSelect),
  h('label', { for: 'f-label' }, 'Labels (key:value, space-separated, all must match)', labelInput),
  h('button', { type: 'submit' }, 'Filter'),
  h('a', { href: '#/runs' }, 'clear'), names);
  const table = h('div', { 'aria-live': 'polite' });
  const more = h('div');
  const agents = h('p', { class: 'muted', 'aria-live': 'polite' });
  replace(main, h('h1', {}, 'Runs'), agents, form, table, more);
  document.title = 'Runs · LoadLab';
  call('scenarios').then((answer) => replace(names,
    (answer.scenarios || []).map((s) => h('option', { value: s.name })))).catch(() => {});

  let pages = [];
  const draw = async () => {
    // Who can take work: a run waits in the queue until enough agents are idle.
    call('agents').then((list) => replace(agents, list.length
      ? `Agents: ${list.map((a) => `${a.id} (${a.host}, ${a.cores} cores, ${a.state}${a.reason ? `: ${a.reason}` : ''})`).join('; ')}`
      : 'No agent is registered: runs wait in the queue until one joins.')).catch(() => {});
    const runs = [];
    const seen = new Set();
    for (const run of pages.flatMap((p) => p.runs)) {
      if (!seen.has(run.id)) {
        seen.add(run.id);
        runs.push(run);
      }
    }
    await countSteps(runs);
    replace(table, runs.length ? runsTable(runs) : h('p', { class: 'muted' }, 'No runs match.'));
    const cursor = pages[pages.length - 1].nextCursor;
    replace(more, cursor ? h('button', {
      type: 'button',
      class: 'secondary',
      onclick: async (event) => {
        event.target.disabled = true;
        try {
          pages.push(await call('runs', { query: { ...filter, limit: PAGE, cursor } }));
          await draw();
        } catch (error) {
          show(error);
        }
      },
    }, 'More') : null);
  };
  const first = () => call('runs', { query: { ...filter, limit: PAGE } });
  pages = [await first()];
  await draw();
  const live = () => pages.some((p) => p.runs.some((r) => r.status === 'RUNNING' || r.status === 'QUEUED'));
  every(3000, async () => {
    pages[0] = await first();
    await draw();
  }, live);
}

/** Fills stepCounts for the runs shown: a run's steps are only in its detail, which is fetched once it has ended. */
async function countSteps(runs) {
  await Promise.all(runs.map(async (run) => {
    const ended = run.status !== 'RUNNING' && run.status !== 'QUEUED';
    if (stepCounts.has(run.id) && ended) {
      return;
    }
    try {
      const detail = await call('run', { params: { id: run.id } });
      const text = `${(detail.steps || []).length}/${plannedSteps(detail.scenario)}`;
      if (ended) {
        stepCounts.set(run.id, text);
      } else {
        stepCounts.set(`live:${run.id}`, text);
      }
    } catch (error) {
      if (error instanceof AuthError) {
        throw error;
      }
    }
  }));
}

function runsTable(runs) {
  return h('table', {},
    h('caption', {}, 'Newest first. Steps: finished / planned (profiles × workers × repeats).'),
    h('thead', {}, h('tr', {}, th('Name'), th('Status'), th('Verdict'), th('Labels'), th('Submitted'), th('Took'), th('Steps', { class: 'num' }), th('Run id'))),
    h('tbody', {}, runs.map((r) => h('tr', {},
      h('td', {}, link(`#/runs/${encodeURIComponent(r.id)}`, r.name)),
      h('td', {}, status(r.status), r.failure ? h('div', { class: 'muted' }, r.failure) : null),
      h('td', {}, verdictBadge(r.verdict)),
      h('td', {}, fmtLabels(r.labels)),
      h('td', {}, fmtTime(r.submittedAt)),
      h('td', {}, fmtElapsed(r.startedAt, r.finishedAt)),
      num(stepCounts.get(r.id) || stepCounts.get(`live:${r.id}`) || '…'),
      h('td', { class: 'mono' }, r.id)))));
}

// ---- Run ----

const chosenStep = new Map(); // run id -> the step index whose timeline is shown

async function runPage(id) {
  const mine = generation;
  const fetchRun = () => call('run', { params: { id } });
  let run = await fetchRun();
  const draw = async () => {
    const index = chosenStep.has(id) ? chosenStep.get(id) : defaultStep(run);
    let timeline = null;
    if (index !== null) {
      try {
        timeline = await call('timeline', { params: { id, index } });
      } catch (error) {
        if (error instanceof AuthError) {
          throw error;
        }
        timeline = { error };
      }
    }
    let distribution = null;
    if (index !== null && (run.steps || []).some((s) => s.index === index)) {
      try {
        distribution = await call('percentiles', { params: { id, index } });
      } catch (error) {
        if (error instanceof AuthError) {
          throw error;
        }
        distribution = { error };
      }
    }
    if (mine !== generation) {
      return;
    }
    dropCharts();
    replace(main, runView(run, index, timeline, draw, distribution));
    document.title = `${run.name} ${run.status} · LoadLab`;
  };
  await draw();
  every(2000, async () => {
    run = await fetchRun();
    await draw();
  }, () => run.status === 'RUNNING' || run.status === 'QUEUED');
}

function defaultStep(run) {
  if (run.progress) {
    return run.progress.stepIndex;
  }
  return run.steps && run.steps.length ? run.steps[0].index : null;
}

/** The run's verdict (what it says about the target) beside its status (whether it ran). */
function verdictFacts(run) {
  const v = verdictView(run.verdict);
  if (v.kind === 'pending') {
    return null;
  }
  const method = (run.measurement || {}).verdict;
  return [h('dt', {}, 'Verdict'), h('dd', { class: 'verdict' },
    h('strong', { class: `verdict-${v.kind}`, title: method || null }, v.text), v.reason ? ` — ${v.reason}` : '',
    v.steps.length ? h('ul', {}, v.steps.map((line) => h('li', {}, line))) : null,
    how(method))];
}

function runView(run, index, timeline, redraw, distribution) {
  const m = run.measurement || {};
  const active = run.status === 'RUNNING' || run.status === 'QUEUED';
  const searching = (run.steps || []).some((s) => s.search) || (run.scenario && run.scenario.load && run.scenario.load.model === 'search');
  return [
    h('h1', {}, `${run.name} `, status(run.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Run id'), h('dd', { class: 'mono' }, run.id),
      h('dt', {}, 'Scenario'), h('dd', {}, describeScenario(run)),
      run.connections ? [h('dt', {}, 'Connections'), h('dd', {}, fmtConnections(run.connections, (run.scenario || {}).load))] : null,
      h('dt', {}, 'Labels'), h('dd', {}, fmtLabels(run.labels)),
      h('dt', {}, 'Submitted'), h('dd', {}, fmtTime(run.submittedAt)),
      h('dt', {}, 'Started · finished'), h('dd', {}, `${fmtTime(run.startedAt)} · ${fmtTime(run.finishedAt)} (${fmtElapsed(run.startedAt, run.finishedAt)})`),
      run.queueReason ? [h('dt', {}, 'Waiting because'), h('dd', {}, run.queueReason)] : null,
      run.failure ? [h('dt', {}, 'Failure'), h('dd', { class: 'failed' }, run.failure)] : null,
      verdictFacts(run)),
    h('p', {},
      active ? h('button', { type: 'button', class: 'danger', onclick: (e) => cancel(run, e.target) }, 'Cancel run') : null, ' ',
      link(`#/compare${queryString({ baseline: run.id })}`, 'Compare with another run…'), ' · ',
      link(`#/scenarios/${encodeURIComponent(run.name)}/trend`, `Trend of ${run.name} over its runs`)),
    downloads(run),
    active ? progressPanel(run) : null,
    h('h2', {}, 'Scaling'),
    scalingCharts(run, searching),
    how(m.series),
    h('h2', {}, 'Steps'),
    stepsTable(run, index, redraw),
    howList(m, ['requests', 'throughputRps', 'latencyMs', 'errors', 'failedChecks', 'targetCpuCores', 'connections', 'startSkewMs', 'generatorBound', 'underLoaded', 'steadiness', 'slo']),
    stepDetails(run),
    targetWorkers(run),
    searchSections(run),
    searching ? how(m.search) : null,
    h('h2', { id: 'timeline' }, 'Timeline'),
    timelineSection(run, index, timeline, redraw),
    how(m.timeline),
    h('h2', { id: 'distribution' }, 'Latency distribution'),
    distributionSection(index, distribution),
  ];
}

function describeScenario(run) {
  const s = run.scenario || {};
  const load = s.load || {};
  const target = s.target || {};
  const flows = Boolean((s.workload || {}).flows);
  const requests = workloadLines(s.workload);
  const amount = load.stages
    ? `stages ${load.stages.map(fmtStage).join(' then ')}`
    : load.model === 'closed' ? `${load.users} users` : `${load.model === 'search' ? 'from ' : ''}${fmtRps(load.rate)} arrivals/s`;
  return [
    run.scenarioVersion ? `saved version ${run.scenarioVersion}; ` : '',
    `${load.model} model, ${amount}, warm-up ${load.warmup || '0s'}, measured ${load.duration}`,
    s.slo ? `, SLO p99 ≤ ${s.slo.p99Ms} ms and errors ≤ ${fmtPercent(s.slo.errorRate)}` : '',
    s.repeats > 1 ? `, ${s.repeats} repeats` : '',
    `, ${s.agents || 1} agent(s). `,
    flows ? 'Flows: ' : '', h('span', { class: 'mono' }, requests.join(flows ? '; ' : ', ')), ` against ${target.baseUrl || ''}`,
    target.profiles ? `; profiles ${target.profiles.join(', ')}` : '',
    target.workers ? `; W = ${target.workers.join(', ')}` : '',
  ];
}

/**
 * Downloads one export of the run: fetched with the token (a plain link could not send it), then saved from a blob URL
 * under the name the coordinator gave.
 */
async function download(run, format, button) {
  button.disabled = true;
  try {
    const response = await send('export', { params: { id: run.id }, query: { format }, accept: '*/*' });
    if (!response.ok) {
      const text = await response.text();
      let problem = {};
      try {
        problem = JSON.parse(text);
      } catch {
        problem = { detail: text.slice(0, 300) };
      }
      throw new ProblemError(response.status, problem);
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const save = h('a', { href: url, download: dispositionName(response.headers.get('Content-Disposition'), `loadlab-run-${run.id}.${format}`) });
    save.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    if (error instanceof AuthError) {
      show(error);
    } else {
      button.after(problemBox(error));
    }
  } finally {
    button.disabled = false;
  }
}

function downloads(run) {
  if (run.status === 'RUNNING' || run.status === 'QUEUED') {
    return null;
  }
  return h('p', { class: 'downloads' }, 'Download: ',
    EXPORTS.map(([format, text], i) => [i ? ' · ' : null,
      h('button', { type: 'button', class: 'link', onclick: (e) => download(run, format, e.target) }, text)]));
}

async function cancel(run, button) {
  if (!window.confirm(`Cancel ${run.name}? What was measured so far is kept.`)) {
    return;
  }
  button.disabled = true;
  try {
    await call('cancel', { params: { id: run.id } });
    render();
  } catch (error) {
    if (error instanceof AuthError) {
      show(error);
    } else {
      button.after(problemBox(error));
    }
  }
}

function progressPanel(run) {
  const p = run.progress;
  if (!p) {
    return h('div', { class: 'panel', role: 'status' }, run.status === 'QUEUED' ? 'Queued.' : 'Starting the next step…');
  }
  const cell = plannedCell(run.scenario, p.stepIndex);
  return h('div', { class: 'panel', role: 'status' },
    h('strong', {}, `Step ${p.stepIndex + 1} of ${plannedSteps(run.scenario)}`),
    cell ? ` — ${cell.profile} W=${cell.workers}` : '',
    p.probe !== null && p.probe !== undefined ? `, probe ${p.probe} at ${fmtRps(p.probeRateRps)} offered requests/s` : '',
    ': ', p.warmingUp ? 'warming up' : 'measuring', ' ',
    h('progress', { max: p.plannedSeconds || 1, value: Math.min(p.elapsedSeconds, p.plannedSeconds || p.elapsedSeconds), 'aria-label': 'seconds elapsed of planned' }),
    ` ${fmtNumber(p.elapsedSeconds, 0)} of ${fmtNumber(p.plannedSeconds, 0)} s, ${p.requests} responses, ${p.errors} errors so far`,
    h('div', { class: 'how' }, 'Live figures from the per-second intervals received so far (warm-up excluded); the step\'s results come from the final merge.'));
}

// ---- charts: uPlot (vendored, loaded by index.html as the global uPlot) drawing what lib.js shapes ----

// The series colours, as style.css's --s0..--s7 (a canvas needs the values, not the variables).
const COLOURS = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#57534e'];
let charts = []; // the uPlot instances of the page shown now; destroyed before it is drawn again

function dropCharts() {
  charts.forEach((chart) => chart.destroy());
  charts = [];
}

/**
 * A figure: its caption, the uPlot chart (role img, with an aria-label saying what it shows), and the same numbers
 * in a table under <details>, for screen readers and for copying. `lines` are lib.js chart lines; `style(i, line)`
 * gives each line's uPlot series options (colour, dash); `x` is 'workers' (log2 when they span a factor of 4),
 * 'linear', 'time' (epoch seconds) or 'percentile' (lib.js percentileX, ticked 0 %, 50 %, 90 %, 99 % …).
 */
function uChart(lines, { title, yLabel, xLabel, width = 560, height = 260, x = 'workers', style = () => ({}), marks = [], fmtX = fmtTick, fmtY = fmtTick }) {
  const aligned = alignLines(lines);
  const holder = h('div', { class: 'uchart', role: 'img', 'aria-label': chartLabel(title, aligned, xLabel, fmtX) });
  const table = chartRows(aligned, xLabel, fmtX, fmtY);
  const figure = h('figure', {},
    h('figcaption', {}, title),
    holder,
    h('details', { class: 'numbers' }, h('summary', {}, 'The numbers'),
      h('table', {}, h('thead', {}, h('tr', {}, table.header.map((c) => th(c)))),
        h('tbody', {}, table.rows.map((row) => h('tr', {}, row.map((c) => num(c))))))));
  if (aligned.empty) {
    holder.append(h('p', { class: 'muted' }, 'no data yet'));
    return figure;
  }
  if (typeof globalThis.uPlot !== 'function') {
    holder.append(h('p', { class: 'muted' }, 'The chart library did not load; the numbers are below.'));
    return figure;
  }
  const series = [{ label: xLabel, value: (u, v) => (v === null || v === undefined ? '—' : fmtX(v)) }];
  lines.forEach((line, i) => {
    const own = style(i, line);
    const stroke = own.stroke || COLOURS[i % COLOURS.length];
    // Past eight lines the colours repeat: the next eight are dotted.
    const dash = i >= COLOURS.length ? [2, 3] : undefined;
    series.push({ label: line.name, stroke, width: 2, dash, points: { size: 6, fill: '#fff' }, spanGaps: true, value: (u, v) => (v === null || v === undefined ? '—' : fmtY(v)), ...own, stroke });
  });
  const data = [aligned.x, ...aligned.ys];
  // Generator-bound points: a ring around each, as a series of points only (no line), so the legend names them.
  aligned.bound.forEach((column, i) => {
    if (column.some((v) => v !== null)) {
      const stroke = series[i + 1].stroke;
      series.push({ label: `${lines[i].name}: generator-bound`, stroke, width: 2, paths: () => null, points: { show: true, size: 14, width: 2, fill: 'rgba(255,255,255,0)', stroke }, value: (u, v) => (v === null ? '—' : fmtY(v)) });
      data.push(column);
    }
  });
  const xScale = x === 'time' ? { time: true } : x === 'workers' && logWorkers(aligned.x) ? { time: false, distr: 3, log: 2 } : { time: false };
  const xAxis = { label: `${xLabel}${xScale.distr === 3 ? ' (log scale)' : ''}` };
  if (x === 'percentile') {
    const ticks = percentileTicks(aligned.x[aligned.x.length - 1]);
    xScale.range = () => [0, ticks[ticks.length - 1]];
    xAxis.splits = () => ticks;
    xAxis.values = (u, values) => values.map(fmtPercentileTick);
  } else if (x !== 'time') {
    xAxis.values = (u, values) => values.map((v) => (v === null ? '' : fmtX(v)));
    if (x === 'workers') {
      xAxis.splits = () => aligned.x; // the worker counts measured, not in-between values
    } else {
      xAxis.incrs = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 3600]; // whole seconds
      xScale.range = (u, min, max) => [min - 0.5, max + 0.5]; // each second's half-second either side, shading included
    }
  }
  const options = {
    width,
    height,
    series,
    scales: { x: xScale, y: { range: (u, min, max) => [0, max > 0 ? max * 1.08 : 1] } },
    axes: [xAxis, { label: yLabel, values: (u, values) => values.map(fmtTick), size: 56 }],
    legend: { live: true },
    cursor: { points: { size: 8 } },
    hooks: { drawClear: marks.filter((m) => m.under).map((m) => m.draw), draw: marks.filter((m) => !m.under).map((m) => m.draw) },
  };
  charts.push(new globalThis.uPlot(options, data, holder));
  return figure;
}

/** Shades x ranges ([from, to] in the x scale's units) behind the lines. */
function shade(spans, colour = 'rgba(120, 130, 140, 0.16)') {
  return {
    under: true,
    draw: (u) => {
      const { ctx, bbox } = u;
      ctx.save();
      ctx.fillStyle = colour;
      for (const [from, to] of spans) {
        const left = Math.max(bbox.left, u.valToPos(from, 'x', true));
        const right = Math.min(bbox.left + bbox.width, u.valToPos(to, 'x', true));
        ctx.fillRect(left, bbox.top, Math.max(1, right - left), bbox.height);
      }
      ctx.restore();
    },
  };
}

/** Dashed vertical lines at x values, labelled (a search step's probes). */
function edges(list) {
  return {
    under: false,
    draw: (u) => {
      const { ctx, bbox } = u;
      ctx.save();
      ctx.strokeStyle = '#8a939b';
      ctx.fillStyle = '#5f6b76';
      ctx.setLineDash([4, 4]);
      ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
      for (const edge of list) {
        const at = u.valToPos(edge.x, 'x', true);
        ctx.beginPath();
        ctx.moveTo(at, bbox.top);
        ctx.lineTo(at, bbox.top + bbox.height);
        ctx.stroke();
        ctx.fillText(`probe ${edge.probe}`, at + 4, bbox.top + 12 * devicePixelRatio);
      }
      ctx.restore();
    },
  };
}

function scalingCharts(run, searching) {
  const series = run.series || [];
  if (!series.length) {
    return h('p', { class: 'muted' }, 'No finished step yet.');
  }
  const plottable = series.some((s) => s.points.some((p) => p.workers !== null && p.workers !== undefined));
  if (!plottable) {
    return h('p', { class: 'muted' }, 'This run used the target as it was (no worker sweep), so there is no scaling curve; see the steps.');
  }
  const bound = series.some((s) => s.points.some((p) => p.generatorBound));
  return [
    h('div', { class: 'charts' },
      uChart(seriesLines(series, 'throughputRps'), { title: 'Throughput by workers (median over repeats)', yLabel: 'requests/s', xLabel: 'workers W', fmtY: fmtRps }),
      searching ? uChart(seriesLines(series, 'kneeRateRps'), { title: 'Knee: highest rate meeting the SLO', yLabel: 'requests/s', xLabel: 'workers W', width: 420, height: 220, fmtY: fmtRps }) : null,
      uChart(seriesLines(series, 'targetCpuCores'), { title: 'Target CPU cores used', yLabel: 'cores', xLabel: 'workers W', width: 420, height: 220, fmtY: (v) => fmtNumber(v, 2) }),
      uChart(seriesLines(series, 'p99Ms'), { title: 'p99 latency', yLabel: 'ms', xLabel: 'workers W', width: 420, height: 220 })),
    bound ? h('p', { class: 'flag' }, 'Ringed points were measured while the load generator was the bottleneck: they show the generator\'s limit, not the target\'s.') : null,
    repeatsList(series),
  ];
}

/** With repeats: per cell, how far its repeats agreed (CV) and any monotone drift across them, flagged. */
function repeatsList(series) {
  const cells = series.flatMap((s) => s.points
    .filter((p) => p.repeatability)
    .map((p) => ({ name: `${s.profile} W=${p.workers ?? '—'}`, text: fmtRepeatability(p), drift: p.repeatability.monotoneDrift, unsteady: p.unsteady })));
  if (!cells.length) {
    return null;
  }
  return h('ul', { class: 'repeats', 'aria-label': 'repeats' }, cells.map((c) => h('li', { class: c.drift ? 'flag' : null },
    `${c.name}: ${c.text}${c.unsteady ? ' (a repeat was unsteady)' : ''}`)));
}

// ---- steps, search probes, timeline ----

/** The Generator column: generator-bound (flagged, with the rules that fired and their figures), under-loaded, or ok. */
function generatorCell(flag) {
  if (flag.kind === 'ok') {
    return h('td', {}, 'ok');
  }
  return h('td', {},
    h('span', { class: flag.kind === 'bound' ? 'flag' : 'muted' }, flag.text),
    h('div', { class: 'muted' }, flag.detail));
}

/** The Steady column: unsteady (flagged, with the drift), steady (with its spread), or not judged. */
function steadinessCell(flag) {
  if (flag.kind === 'unjudged') {
    return h('td', { class: 'muted' }, flag.text);
  }
  return h('td', {},
    h('span', { class: flag.kind === 'unsteady' ? 'flag' : null }, flag.text),
    h('div', { class: 'muted' }, flag.detail));
}

/** The SLO column: met, inconclusive (the figures cannot carry a verdict) or missed, with the rules' reasons. */
function sloText(slo) {
  if (!slo) {
    return '—';
  }
  if (slo.met) {
    return 'met';
  }
  const word = slo.outcome === 'inconclusive' ? 'inconclusive' : 'missed';
  return h('span', { class: 'flag' }, `${word}: ${slo.reasons.join('; ')}`);
}

function stepsTable(run, index, redraw) {
  const steps = run.steps || [];
  if (!steps.length) {
    return h('p', { class: 'muted' }, 'No finished step yet.');
  }
  const m = run.measurement || {};
  // Each figure's column header carries how it was measured (also listed in full below the table).
  const fig = (text, key) => th(text, { class: ['generatorBound', 'slo', 'steadiness'].includes(key) ? null : 'num', title: m[key] });
  // The SLO column only when the scenario has an SLO: met, or the rules the step broke.
  const withSlo = steps.some((s) => s.slo);
  return h('table', {},
    h('caption', {}, 'Each finished step; "show" draws it second by second under Timeline. A column header\'s tooltip says how its figure was measured.'),
    h('thead', {}, h('tr', {},
      th('#', { class: 'num' }), th('Profile'), th('W', { class: 'num' }), th('Repeat', { class: 'num' }), th('Status'),
      fig('req/s', 'throughputRps'), fig('Requests', 'requests'), fig('Errors', 'errors'),
      fig('p50 ms', 'latencyMs'), fig('p99 ms', 'latencyMs'), fig('max ms', 'latencyMs'),
      fig('Target cores', 'targetCpuCores'), fig('Start skew ms', 'startSkewMs'), fig('Generator', 'generatorBound'),
      fig('Steady', 'steadiness'),
      withSlo ? fig('SLO', 'slo') : null, th('Timeline'))),
    h('tbody', {}, steps.map((s) => h('tr', { class: s.index === index ? 'selected' : null },
      num(s.index + 1), h('td', {}, s.profile || 'as is'), num(s.workers ?? '—'), num(s.repeat + 1),
      h('td', {}, status(s.status), s.failure ? h('div', { class: 'muted' }, s.failure) : null,
        s.agentsLost && s.agentsLost.length ? h('div', { class: 'flag' }, `lost: ${s.agentsLost.join(', ')}`) : null),
      num(fmtRps(s.throughputRps)), num(s.requests), num(s.errors),
      num(s.latencyMs ? s.latencyMs.p50 : '—'), num(s.latencyMs ? s.latencyMs.p99 : '—'), num(s.latencyMs ? s.latencyMs.max : '—'),
      num(fmtNumber(s.targetCpuCores, 2)), num(s.startSkewMs ?? '—'),
      generatorCell(generatorFlag(s)),
      steadinessCell(steadinessFlag(s)),
      withSlo ? h('td', {}, sloText(s.slo)) : null,
      h('td', {}, h('button', {
        type: 'button',
        class: 'secondary',
        'aria-pressed': s.index === index ? 'true' : 'false',
        onclick: () => { chosenStep.set(run.id, s.index); return redraw().catch(show); },
      }, 'show'))))));
}

// ---- the target's processes per step: CPU, share, requests, imbalance ----

/** Per finished step with a target usage: each app process's role, CPU seconds, share and requests, and the imbalance note. */
function targetWorkers(run) {
  const m = run.measurement || {};
  const steps = (run.steps || []).filter((s) => s.target && (s.target.workers || []).length);
  if (!steps.length) {
    return null;
  }
  return [
    h('h2', {}, 'Target workers'),
    steps.map((s) => h('section', { class: 'target-workers', 'aria-label': `step ${s.index + 1} target workers` },
      h('h3', {}, `Step ${s.index + 1}${s.profile ? ` (${s.profile} W=${s.workers})` : ''}`,
        s.target.capacityCores !== null && s.target.capacityCores !== undefined
          ? h('span', { class: 'muted' }, ` — ${fmtNumber(s.target.cpuCores, 2)} of ${fmtNumber(s.target.capacityCores, 1)} cores`)
          : null),
      s.target.imbalance ? h('p', { class: 'flag' }, `Imbalance: ${s.target.imbalance}`) : null,
      h('table', { class: 'workers' },
        h('thead', {}, h('tr', {}, th('pid', { class: 'num' }), th('Role'), th('CPU s', { class: 'num', title: m.targetCpuCores }),
          th('Share', { class: 'num' }), th('Requests', { class: 'num' }))),
        h('tbody', {}, workerRows(s.target).map((w) => h('tr', {},
          num(w.pid), h('td', {}, w.role), num(w.cpuSeconds), num(w.share), num(w.requests))))))),
  ];
}

// ---- what v2 workloads add per step: flows, failed checks, failure messages, stages ----

/** Per finished step that has any: its flows, its requests' failed checks, its first failure messages and its stages. */
function stepDetails(run) {
  const m = run.measurement || {};
  const steps = (run.steps || []).filter((s) => (s.flows || []).length || (s.stages || []).length || (s.failureMessages || []).length
    || Object.values(s.byRequest || {}).some((r) => Object.keys(r.failedChecks || {}).length));
  if (!steps.length) {
    return null;
  }
  return [
    h('h2', {}, 'Flows, checks and stages'),
    steps.map((s) => h('section', { class: 'step-details', 'aria-label': `step ${s.index + 1} details` },
      h('h3', {}, `Step ${s.index + 1}${s.profile ? ` (${s.profile} W=${s.workers})` : ''}`),
      flowsTable(s, m), failedChecksTable(s, m), failureMessageList(s, m), stagesTable(s, m))),
    steps.some((s) => (s.flows || []).length) ? how(m.flows) : null,
    steps.some((s) => (s.stages || []).length) ? how(m.stages) : null,
  ];
}

function flowsTable(step, m) {
  const flows = step.flows || [];
  if (!flows.length) {
    return null;
  }
  const ms = (f, key) => num(f.latencyMs ? f.latencyMs[key] : '—');
  return h('table', { class: 'flows' },
    h('caption', {}, 'Flows: iterations that ended in the measured window; their latency is the whole iteration, think time included.'),
    h('thead', {}, h('tr', {}, th('Flow'), th('Completed', { class: 'num' }), th('Completed/s', { class: 'num', title: m.flows }),
      th('Failed', { class: 'num' }), th('Failed share', { class: 'num' }),
      th('p50 ms', { class: 'num' }), th('p90 ms', { class: 'num' }), th('p99 ms', { class: 'num' }), th('max ms', { class: 'num' }), th('mean ms', { class: 'num' }))),
    h('tbody', {}, flows.map((f) => h('tr', {},
      h('td', {}, f.name), num(f.completed), num(fmtNumber(f.completedPerSecond, 2)), num(f.failed),
      num(f.completed ? fmtPercent(f.failed / f.completed) : '—'),
      ms(f, 'p50'), ms(f, 'p90'), ms(f, 'p99'), ms(f, 'max'), num(f.latencyMs ? fmtNumber(f.latencyMs.mean, 1) : '—')))));
}

function failedChecksTable(step, m) {
  const rows = Object.entries(step.byRequest || {}).flatMap(([name, r]) => failedCheckRows(r.failedChecks).map(([label, count]) => ({ name, label, count, of: r.requests })));
  if (!rows.length) {
    return null;
  }
  return h('table', { class: 'failed-checks' },
    h('caption', {}, 'Failed checks per request, by check label (save(NAME): an extraction found nothing).'),
    h('thead', {}, h('tr', {}, th('Request'), th('Check', { title: m.failedChecks }), th('Failures', { class: 'num' }), th('Of responses', { class: 'num' }))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.name), h('td', { class: 'mono' }, r.label), num(r.count), num(r.of ? fmtPercent(r.count / r.of) : '—')))));
}

function failureMessageList(step, m) {
  const messages = step.failureMessages || [];
  if (!messages.length) {
    return null;
  }
  return h('div', { class: 'failure-messages' },
    h('h4', { title: m.failureMessages }, `First failure messages (${messages.length})`),
    h('ul', {}, messages.map((f) => h('li', {}, h('span', { class: 'mono' }, f.message),
      f.agents ? h('span', { class: 'muted' }, ` — ${f.agents} agent${f.agents === 1 ? '' : 's'}`) : null))));
}

function stagesTable(step, m) {
  const stages = step.stages || [];
  if (!stages.length) {
    return null;
  }
  const ms = (st, key) => num(st.latencyMs ? st.latencyMs[key] : '—');
  return h('table', { class: 'stages' },
    h('caption', {}, 'Load stages: the measured seconds that started in each stage and what was served in them.'),
    h('thead', {}, h('tr', {}, th('Stage', { class: 'num' }), th('As asked'), th('Seconds', { class: 'num' }), th('Requests', { class: 'num' }),
      th('Errors', { class: 'num' }), th('req/s', { class: 'num', title: m.stages }),
      th('p50 ms', { class: 'num' }), th('p90 ms', { class: 'num' }), th('p99 ms', { class: 'num' }), th('max ms', { class: 'num' }))),
    h('tbody', {}, stages.map((st) => h('tr', {},
      num(st.index + 1), h('td', {}, st.users !== undefined || st.rate !== undefined ? fmtStage(st) : '—'),
      num(st.seconds), num(st.requests), num(st.errors), num(fmtRps(st.throughputRps)),
      ms(st, 'p50'), ms(st, 'p90'), ms(st, 'p99'), ms(st, 'max')))));
}

let howOpen = false; // kept across the live re-renders of a running run's page

function howList(measurement, keys) {
  const items = keys.filter((k) => measurement[k]);
  if (!items.length) {
    return null;
  }
  return h('details', { open: howOpen, ontoggle: (event) => { howOpen = event.target.open; } },
    h('summary', {}, 'How these figures were measured'),
    h('dl', { class: 'how-list' }, items.map((k) => [h('dt', {}, k), h('dd', {}, measurement[k])])));
}

function searchSections(run) {
  return (run.steps || []).filter((s) => s.search).map((s) => {
    const search = s.search;
    const slo = search.slo || {};
    return [
      h('h3', {}, `Search, step ${s.index + 1}${s.profile ? ` (${s.profile} W=${s.workers})` : ''}: knee `,
        search.kneeRateRps === null || search.kneeRateRps === undefined ? 'not found' : `${fmtRps(search.kneeRateRps)} requests/s (probe ${search.kneeProbe})`),
      h('p', {}, search.note || '', ` SLO: p99 ≤ ${slo.p99Ms} ms, error rate ≤ ${fmtPercent(slo.errorRate)}, at least 90% of the offered rate served.`),
      h('table', {},
        h('thead', {}, h('tr', {}, th('Probe', { class: 'num' }), th('Offered req/s', { class: 'num' }), th('Served req/s', { class: 'num' }),
          th('Served share', { class: 'num' }), th('p50 ms', { class: 'num' }), th('p99 ms', { class: 'num' }), th('Error rate', { class: 'num' }),
          th('Target cores', { class: 'num' }), th('Passed'), th('Why not'))),
        h('tbody', {}, search.probes.map((p) => h('tr', { class: p.number === search.kneeProbe ? 'selected' : null },
          num(p.number), num(fmtRps(p.rateRps)), num(fmtRps(p.throughputRps)), num(p.rateRps ? fmtPercent(p.throughputRps / p.rateRps, 0) : '—'),
          num(p.p50Ms), num(p.p99Ms), num(fmtPercent(p.errorRate)), num(fmtNumber(p.targetCpuCores, 2)),
          h('td', { class: p.passed ? 'passed' : 'failed' }, p.passed ? 'yes' : 'no'),
          h('td', {}, p.reasons.length ? p.reasons.join('; ') : '—'))))),
    ];
  });
}

function timelineSection(run, index, timeline, redraw) {
  const indices = new Set((run.steps || []).map((s) => s.index));
  if (run.progress) {
    indices.add(run.progress.stepIndex);
  }
  if (!indices.size) {
    return h('p', { class: 'muted' }, 'No step has started yet.');
  }
  const select = h('select', {
    id: 'timeline-step',
    onchange: () => { chosenStep.set(run.id, Number(select.value)); return redraw().catch(show); },
  }, [...indices].sort((a, b) => a - b).map((i) => {
    const step = (run.steps || []).find((s) => s.index === i);
    const cell = step ? { profile: step.profile, workers: step.workers } : plannedCell(run.scenario, i);
    return h('option', { value: i, selected: i === index }, `step ${i + 1}${cell && cell.profile ? ` ${cell.profile} W=${cell.workers}` : ''}${step ? '' : ' (running)'}`);
  }));
  const picker = h('form', { class: 'inline', onsubmit: (e) => e.preventDefault() }, h('label', { for: 'timeline-step' }, 'Step', select));
  if (!timeline) {
    return picker;
  }
  if (timeline.error) {
    return [picker, problemBox(timeline.error)];
  }
  const seconds = timeline.seconds || [];
  if (!seconds.length) {
    return [picker, h('p', { class: 'muted' }, 'No second received yet.')];
  }
  const spans = warmupSpans(seconds);
  const probes = probeEdges(seconds);
  const marks = [shade(spans), edges(probes)];
  const lines = timelineLines(seconds);
  const behind = seconds.filter((p) => p.behindSchedule).length;
  return [
    picker,
    h('div', { class: 'charts' },
      uChart(lines.rate, { title: `Step ${index + 1}, second by second`, yLabel: 'responses in the second', xLabel: 'second of the step', width: 640, marks, x: 'linear', fmtX: String }),
      uChart(lines.latency, { title: 'Latency per second', yLabel: 'ms', xLabel: 'second of the step', width: 480, marks, x: 'linear', fmtX: String })),
    h('p', { class: 'how' }, `${seconds.length} seconds; shaded: warm-up (sent, not counted)${probes.length ? '; dashed lines: a new search probe starts' : ''}.`,
      behind ? h('span', { class: 'flag' }, ` In ${behind} second(s) the generator fell behind its open-model schedule.`) : null),
  ];
}

/** The shown step's latency against percentile, from its stored merged histogram (API.percentiles). */
function distributionSection(index, distribution) {
  if (index === null || !distribution) {
    return h('p', { class: 'muted' }, 'The distribution is drawn once the step has ended (its merged histogram is stored then).');
  }
  if (distribution.error) {
    return problemBox(distribution.error);
  }
  const points = percentilePoints(distribution);
  return [
    h('div', { class: 'charts' }, uChart([{ name: `step ${index + 1}`, points }], {
      title: `Step ${index + 1}: latency by percentile`,
      yLabel: distribution.unit || 'ms',
      xLabel: 'percentile',
      x: 'percentile',
      width: 640,
      fmtX: (v) => {
        const p = points.find((q) => q.x === v);
        return p ? `${Number(p.percentile.toFixed(4))}%` : fmtPercentileTick(v);
      },
      fmtY: (v) => fmtNumber(v, 0),
    })),
    h('p', { class: 'how' }, `${distribution.totalCount} measured responses, max ${distribution.maxMs} ${distribution.unit}, mean ${fmtNumber(distribution.meanMs, 1)} ${distribution.unit}.`
      + ' The x axis is log-scaled in 1 − p, as HdrHistogram plots it: each step right is one more nine (90 %, 99 %, 99.9 %); the last point is the slowest response.'),
  ];
}

// ---- Scenarios ----

async function scenariosPage() {
  const mine = generation;
  const answer = await call('scenarios');
  if (mine !== generation) {
    return;
  }
  const scenarios = answer.scenarios || [];
  document.title = 'Scenarios · LoadLab';
  replace(main,
    h('h1', {}, 'Scenarios'),
    h('p', { class: 'how' }, 'The latest version of each saved scenario. "Run" starts it as saved, or changed by a JSON Merge Patch (RFC 7396) that is validated like a submitted scenario and not saved.'),
    scenarios.length ? h('table', {},
      h('thead', {}, h('tr', {}, th('Name'), th('Version', { class: 'num' }), th('Saved'), th('Load'), th('Requests or flows'), th('Sweep'), th('Run'))),
      h('tbody', {}, scenarios.map((saved) => scenarioRow(saved)))) : h('p', { class: 'muted' }, 'No saved scenario.'));
}

function scenarioRow(saved) {
  const s = saved.scenario || {};
  const load = s.load || {};
  const target = s.target || {};
  const cell = h('td');
  const open = h('button', {
    type: 'button',
    'aria-expanded': 'false',
    onclick: () => {
      open.setAttribute('aria-expanded', 'true');
      open.disabled = true;
      cell.append(runForm(saved.name));
    },
  }, 'Run…');
  cell.append(open);
  return h('tr', {},
    h('td', {}, h('strong', {}, saved.name), saved.builtIn ? h('span', { class: 'muted' }, ' (built-in)') : null,
      h('div', {}, link(`#/scenarios/${encodeURIComponent(saved.name)}/trend`, 'trend'))),
    num(saved.version), h('td', {}, fmtTime(saved.createdAt)),
    h('td', {}, `${load.model}${load.users ? `, ${load.users} users` : ''}${load.rate ? `, ${load.rate}/s` : ''}${load.stages ? `, stages ${load.stages.map(fmtStage).join(' then ')}` : ''}, ${load.warmup || '0s'} + ${load.duration}${load.connections ? `, connections ${load.connections}` : ''}`),
    h('td', { class: 'mono' }, (s.workload || {}).flows
      ? h('ul', { class: 'flows' }, workloadLines(s.workload).map((line) => h('li', {}, line)))
      : workloadLines(s.workload).join(', ')),
    h('td', {}, target.profiles ? `${target.profiles.join(', ')} × W ${(target.workers || []).join(', ')}` : `${target.baseUrl || ''} as is`),
    cell);
}

function runForm(name) {
  const id = `patch-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const patch = h('textarea', { id, rows: 4, cols: 60, placeholder: '{"target": {"workers": [1, 2]}, "load": {"duration": "3s"}}', spellcheck: 'false' });
  const labels = h('input', { id: `${id}-labels`, placeholder: 'source:dashboard', size: 30 });
  const out = h('div', { 'aria-live': 'polite' });
  return h('form', {
    class: 'panel',
    onsubmit: async (event) => {
      event.preventDefault();
      const text = patch.value.trim();
      if (text) {
        try {
          JSON.parse(text);
        } catch (error) {
          replace(out, h('div', { class: 'problem', role: 'alert' }, `The patch is not JSON: ${error.message}`));
          return;
        }
      }
      try {
        const started = await call('startScenario', {
          params: { name },
          query: { label: labels.value.split(/\s+/).filter(Boolean) },
          body: text || undefined,
        });
        location.hash = `#/runs/${encodeURIComponent(started.id)}`;
      } catch (error) {
        if (error instanceof AuthError) {
          show(error);
        } else {
          replace(out, problemBox(error));
        }
      }
    },
  },
  h('label', { for: id }, 'Merge patch (optional JSON; empty runs the scenario as saved)', patch),
  h('label', { for: `${id}-labels` }, 'Labels (key:value, space-separated, optional)', labels),
  h('p', {}, h('button', { type: 'submit' }, `Start ${name}`)), out);
}

// ---- Compare ----

async function comparePage(params) {
  const baseline = params.get('baseline') || '';
  const candidate = params.get('candidate') || '';
  const mine = generation;
  const recent = await call('runs', { query: { limit: 100 } });
  if (mine !== generation) {
    return;
  }
  const options = h('datalist', { id: 'recent-runs' },
    recent.runs.map((r) => h('option', { value: r.id }, `${r.name} · ${r.status} · ${fmtTime(r.submittedAt)}`)));
  const b = h('input', { id: 'c-baseline', value: baseline, list: 'recent-runs', size: 38, required: true, class: 'mono' });
  const c = h('input', { id: 'c-candidate', value: candidate, list: 'recent-runs', size: 38, required: true, class: 'mono' });
  const form = h('form', {
    class: 'filters',
    onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/compare${queryString({ baseline: b.value.trim(), candidate: c.value.trim() })}`;
    },
  }, h('label', { for: 'c-baseline' }, 'Baseline run id', b), h('label', { for: 'c-candidate' }, 'Candidate run id', c),
  h('button', { type: 'submit' }, 'Compare'), options);
  const result = h('div');
  replace(main, h('h1', {}, 'Compare two runs'), form, result);
  document.title = 'Compare · LoadLab';
  if (!baseline || !candidate) {
    replace(result, h('p', { class: 'muted' }, 'Pick two runs (the list offers the 100 newest).'));
    return;
  }
  try {
    replace(result, compareView(await call('compare', { query: { baseline, candidate } })));
  } catch (error) {
    if (error instanceof AuthError) {
      throw error;
    }
    replace(result, problemBox(error));
  }
}

function side(ref) {
  return [link(`#/runs/${encodeURIComponent(ref.id)}`, ref.name), ' ', status(ref.status), ` submitted ${fmtTime(ref.submittedAt)}`];
}

function pair(delta, digits, percent = true) {
  return [
    num(delta ? `${fmtNumber(delta.baseline, digits)} → ${fmtNumber(delta.candidate, digits)}` : '—'),
    num(delta ? fmtDelta(delta.delta, percent ? delta.deltaPercent : null, digits) : '—'),
  ];
}

/** One comparison's test in a line: what was compared, the means, Welch's t and p (Holm-adjusted), the effect with its 95 % CI. */
function compareTest(t) {
  const what = t.samples === 'repeats' ? 'repeats' : `batches of ${t.batchSeconds ?? '—'} s`;
  const head = `${what}: n = ${t.baselineSamples}/${t.candidateSamples}, means ${fmtRps(t.baselineMeanRps)} → ${fmtRps(t.candidateMeanRps)} req/s`;
  if (t.pValue === null || t.pValue === undefined) {
    return head;
  }
  const pct = (v) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
  const effect = Number.isFinite(t.effect) ? `, effect ${pct(t.effect)} [${pct(t.effectLow)}, ${pct(t.effectHigh)}]` : '';
  const tStat = Number.isFinite(t.t) ? `, t = ${fmtNumber(t.t, 2)} (df ${fmtNumber(t.degreesOfFreedom, 1)})` : '';
  const adjusted = Number.isFinite(t.adjustedPValue) ? `, Holm p = ${t.adjustedPValue.toPrecision(3)}` : '';
  return `${head}${tStat}, p = ${t.pValue.toPrecision(3)}${adjusted}${effect}`;
}

function compareView(report) {
  const unmatched = (list) => list.map((u) => h('li', {}, `step ${u.stepIndex + 1}: ${u.profile || 'as is'}${u.workers ? ` W=${u.workers}` : ''}, ${u.request}${u.repeat ? `, repeat ${u.repeat + 1}` : ''}`));
  return [
    h('dl', { class: 'facts' },
      h('dt', {}, 'Baseline'), h('dd', {}, side(report.baseline)),
      h('dt', {}, 'Candidate'), h('dd', {}, side(report.candidate)),
      h('dt', {}, 'Verdict method'), h('dd', {}, `${report.method} (at least ${report.minSamples} samples per side)`),
      h('dt', {}, 'Minimum effect'), h('dd', {}, `${fmtPercent(report.minEffect, 0)} of the baseline: a smaller change counts as none`),
      h('dt', {}, 'Correction'), h('dd', {}, report.correction || '—'),
      h('dt', {}, 'Latency'), h('dd', {}, report.latencyNote)),
    compareCharts(report),
    report.steps.length ? h('table', {},
      h('caption', {}, 'Steps matched by profile, workers and request name; delta = candidate − baseline.'),
      h('thead', {}, h('tr', {}, th('Profile'), th('W', { class: 'num' }), th('Request'),
        th('req/s', { class: 'num' }), th('Δ req/s', { class: 'num' }), th('p50 ms', { class: 'num' }), th('Δ p50', { class: 'num' }),
        th('p99 ms', { class: 'num' }), th('Δ p99', { class: 'num' }), th('Error rate', { class: 'num' }), th('Δ errors', { class: 'num' }),
        th('Verdict'), th('Test'))),
      h('tbody', {}, report.steps.map((s) => {
        const t = s.test || {};
        const bound = [s.baselineStep && s.baselineStep.generatorBound ? 'baseline' : null, s.candidateStep && s.candidateStep.generatorBound ? 'candidate' : null].filter(Boolean);
        return h('tr', {},
          h('td', {}, s.profile || 'as is', s.repeat ? ` (repeat ${s.repeat + 1})` : ''), num(s.workers ?? '—'), h('td', {}, s.request),
          pair(s.throughputRps, 1), pair(s.p50Ms, 0), pair(s.p99Ms, 0),
          num(s.errorRate ? `${fmtPercent(s.errorRate.baseline)} → ${fmtPercent(s.errorRate.candidate)}` : '—'),
          num(s.errorRate ? fmtDelta(s.errorRate.delta * 100, null, 2) + ' pt' : '—'),
          h('td', { class: `verdict-${String(s.verdict).replace(/\s+/g, '-')}` }, h('strong', {}, s.verdict), s.reason ? h('div', { class: 'muted' }, s.reason) : null,
            bound.length ? h('div', { class: 'flag' }, `generator-bound: ${bound.join(' and ')}`) : null),
          h('td', { class: 'muted' }, compareTest(t)));
      }))) : h('p', { class: 'muted' }, 'No step matched.'),
    report.onlyInBaseline.length ? [h('h3', {}, 'Only in the baseline'), h('ul', {}, unmatched(report.onlyInBaseline))] : null,
    report.onlyInCandidate.length ? [h('h3', {}, 'Only in the candidate'), h('ul', {}, unmatched(report.onlyInCandidate))] : null,
  ];
}

/**
 * Both runs' scaling curves over each other on the same axes: per profile one colour, the baseline dashed and
 * lighter, the candidate solid.
 */
function compareCharts(report) {
  const throughput = compareLines(report, 'throughputRps');
  if (!throughput.length) {
    return null;
  }
  const profiles = [...new Set(throughput.map((l) => l.profile))];
  const style = (i, line) => {
    const colour = COLOURS[profiles.indexOf(line.profile) % COLOURS.length];
    return line.side === 'baseline'
      ? { stroke: `${colour}99`, dash: [6, 4], width: 1.5 }
      : { stroke: colour, width: 2.5, dash: undefined };
  };
  const bound = throughput.some((l) => l.points.some((p) => p.generatorBound));
  return [
    h('h2', {}, 'Scaling, baseline against candidate'),
    h('div', { class: 'charts' },
      uChart(throughput, { title: 'Throughput by workers (median over repeats)', yLabel: 'requests/s', xLabel: 'workers W', style, fmtY: fmtRps }),
      uChart(compareLines(report, 'p99Ms'), { title: 'p99 latency', yLabel: 'ms', xLabel: 'workers W', width: 420, style })),
    h('p', { class: 'how' }, 'Dashed, lighter: the baseline; solid: the candidate; one colour per profile.',
      bound ? h('span', { class: 'flag' }, ' Ringed points were generator-bound: they show the generator\'s limit, not the target\'s.') : null),
  ];
}

// ---- Trend ----

/**
 * A scenario's runs over time: the chosen figure of each cell (profile × workers of the saved scenario, or of its
 * newest run when it is not saved) per run, one line per cell, each run linked in the table below.
 */
async function trendPage(name, params) {
  const mine = generation;
  const metric = Object.hasOwn(TREND_METRICS, params.get('metric')) ? params.get('metric') : 'throughput';
  let scenario = null;
  try {
    scenario = (await call('scenario', { params: { name } })).scenario;
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 404) {
      throw error;
    }
    const newest = await call('runs', { query: { scenario: name, limit: 1 } });
    if (newest.runs.length) {
      scenario = (await call('run', { params: { id: newest.runs[0].id } })).scenario;
    }
  }
  const cells = trendCells(scenario);
  const answers = await Promise.all(cells.map((cell) => call('trend', {
    params: { name },
    query: { metric, profile: cell.profile, workers: cell.workers },
  })));
  if (mine !== generation) {
    return;
  }
  document.title = `Trend of ${name} · LoadLab`;
  const select = h('select', {
    id: 'trend-metric',
    onchange: () => { location.hash = `#/scenarios/${encodeURIComponent(name)}/trend${queryString({ metric: select.value })}`; },
  }, Object.entries(TREND_METRICS).map(([key, label]) => h('option', { value: key, selected: key === metric }, `${key} (${label})`)));
  const lines = trendLines(cells, answers);
  const runs = trendRuns(lines);
  const when = (seconds) => fmtTime(new Date(seconds * 1000).toISOString());
  replace(main,
    h('h1', {}, `Trend of ${name}`),
    h('p', {}, link(`#/runs${queryString({ scenario: name })}`, `All runs of ${name}`), ' · ', link('#/scenarios', 'Scenarios')),
    h('form', { class: 'inline', onsubmit: (e) => e.preventDefault() }, h('label', { for: 'trend-metric' }, 'Figure', select)),
    runs.length
      ? [
        h('div', { class: 'charts' },
          uChart(lines, { title: `${metric} per run, by cell`, yLabel: TREND_METRICS[metric], xLabel: 'submitted', x: 'time', width: 800, height: 300, fmtX: when, fmtY: (v) => fmtTrendValue(metric, v) })),
        h('p', { class: 'how' }, 'Each point is one run\'s first step of that cell (profile and workers), oldest left; at most the 100 newest runs.'),
        h('table', {},
          h('caption', {}, `${metric} of each run, oldest first`),
          h('thead', {}, h('tr', {}, th('Run'), th('Submitted'), th('Status'), lines.map((l) => th(l.name, { class: 'num' })))),
          h('tbody', {}, runs.map((r) => h('tr', {},
            h('td', { class: 'mono' }, link(`#/runs/${encodeURIComponent(r.runId)}`, r.runId)),
            h('td', {}, when(r.x)), h('td', {}, status(r.status)),
            r.values.map((v) => num(fmtTrendValue(metric, v))))))),
      ]
      : h('p', { class: 'muted' }, `No stored step of ${name} yet.`));
}

// Last, so every constant above is initialised before the first page renders.
window.addEventListener('hashchange', render);
render();
