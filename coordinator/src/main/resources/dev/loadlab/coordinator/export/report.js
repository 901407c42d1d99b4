/*
 * LoadLab HTML export: draws the page's charts with uPlot (inlined before this script) from the run embedded in
 * <script type="application/json" id="loadlab-run">, as the dashboard draws them: per profile one line of a figure
 * against the swept worker count (log2 axis when the counts span a factor of 4 or more, y from 0), generator-bound
 * points ringed; per step its seconds, warm-up shaded. Fetches nothing. Once a chart is drawn its figure says so
 * (data-drawn="true", data-series, data-points: the values plotted, data-line-pixels: canvas pixels in a line's
 * colour), so a headless browser can tell a drawn chart from an empty one.
 */
(function () {
  'use strict';

  const COLORS = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#57534e'];
  const BOUND = '#b42318';
  const WARMUP = '#eceff2';
  const body = document.body;
  const violations = [];

  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(`${event.violatedDirective} ${event.blockedURI || 'inline'}`);
    body.dataset.cspViolations = violations.join(' | ');
  });

  /** Ticks for a y axis read against zero, its top padded by a tenth. */
  function fromZero(u, min, max) {
    return [0, max > 0 ? max * 1.1 : 1];
  }

  function seriesChart(run, key) {
    const lines = (run.series || []).map((s) => ({
      name: s.profile,
      points: s.points
        .filter((p) => Number.isFinite(p.workers) && Number.isFinite(p[key]))
        .map((p) => ({ x: p.workers, y: p[key], bound: p.generatorBound })),
    })).filter((line) => line.points.length);
    const xs = [...new Set(lines.flatMap((line) => line.points.map((p) => p.x)))].sort((a, b) => a - b);
    const log = xs.length > 0 && xs[0] > 0 && xs[xs.length - 1] / xs[0] >= 4;
    const at = (line, x, onlyBound) => {
      const point = line.points.find((p) => p.x === x);
      return point && (!onlyBound || point.bound) ? point.y : null;
    };
    const data = [xs];
    const series = [{ label: 'workers W' }];
    lines.forEach((line, i) => {
      data.push(xs.map((x) => at(line, x, false)));
      series.push({ label: line.name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: true, points: { show: true, size: 7 } });
    });
    lines.filter((line) => line.points.some((p) => p.bound)).forEach((line) => {
      data.push(xs.map((x) => at(line, x, true)));
      series.push({ label: `${line.name}: generator-bound`, stroke: BOUND, width: 0, paths: () => null, points: { show: true, size: 13, width: 2, stroke: BOUND, fill: 'rgba(0,0,0,0)' } });
    });
    const yLabel = { throughputRps: 'requests/s', p99Ms: 'ms', kneeRateRps: 'requests/s', targetCpuCores: 'cores' }[key] || key;
    return {
      lines: lines.length,
      data,
      series,
      width: 560,
      height: 280,
      scales: { x: { time: false, distr: log ? 3 : 1, log: 2 }, y: { range: fromZero } },
      // Ticks at the measured worker counts while they stay readable, as the dashboard does.
      axes: [{ label: `workers W${log ? ' (log scale)' : ''}`, splits: log || xs.length <= 12 ? () => xs : undefined }, { label: yLabel }],
      shade: [],
    };
  }

  function timelineChart(seconds, key) {
    // A search step's seconds restart with each probe: then they are drawn end to end, in the stored order.
    const increasing = seconds.every((p, i) => i === 0 || p.second > seconds[i - 1].second);
    const xs = seconds.map((p, i) => (increasing ? p.second : i));
    const latency = (name) => seconds.map((p) => (p.latencyMs ? p.latencyMs[name] : null));
    const lines = key === 'latency'
      ? [{ label: 'p50 ms', values: latency('p50') }, { label: 'p99 ms', values: latency('p99') }]
      : [{ label: 'requests/s', values: seconds.map((p) => p.requests) }, { label: 'errors/s', values: seconds.map((p) => p.errors) }];
    return {
      lines: lines.length,
      data: [xs, ...lines.map((line) => line.values)],
      series: [{ label: increasing ? 'second' : 'second (probes end to end)' }]
        .concat(lines.map((line, i) => ({ label: line.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false, points: { show: seconds.length <= 120 } }))),
      width: 600,
      height: 240,
      scales: { x: { time: false }, y: { range: fromZero } },
      axes: [{ label: increasing ? 'second of the step' : 'second of the step (probes end to end)' }, { label: key === 'latency' ? 'ms' : 'responses in the second' }],
      shade: xs.filter((x, i) => seconds[i].warmup),
    };
  }

  /** Warm-up seconds as grey bands under the lines. */
  function shade(u, xs) {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.fillStyle = WARMUP;
    xs.forEach((x) => {
      const from = Math.max(left, u.valToPos(x - 0.5, 'x', true));
      const to = Math.min(left + width, u.valToPos(x + 0.5, 'x', true));
      if (to > from) {
        ctx.fillRect(from, top, to - from, height);
      }
    });
    ctx.restore();
  }

  function hex(color) {
    return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  }

  /** Canvas pixels within a small distance of one of the lines' colours: 0 when no line was drawn. */
  function linePixels(u, count) {
    const canvas = u.ctx.canvas;
    const pixels = u.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = COLORS.slice(0, count).map(hex);
    let found = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 200 && colours.some((c) => Math.abs(c[0] - pixels[i]) + Math.abs(c[1] - pixels[i + 1]) + Math.abs(c[2] - pixels[i + 2]) < 60)) {
        found++;
      }
    }
    return found;
  }

  function draw(figure, chart) {
    const plot = figure.querySelector('.plot');
    plot.textContent = '';
    const values = chart.data.slice(1, 1 + chart.lines).flat().filter((v) => v !== null && v !== undefined).length;
    figure.dataset.series = String(chart.lines);
    figure.dataset.points = String(values);
    new uPlot({
      width: chart.width,
      height: chart.height,
      series: chart.series,
      scales: chart.scales,
      axes: chart.axes,
      legend: { live: false },
      hooks: {
        drawClear: [(u) => shade(u, chart.shade)],
        draw: [(u) => {
          figure.dataset.linePixels = String(linePixels(u, chart.lines));
          figure.dataset.drawn = 'true';
        }],
      },
    }, chart.data, plot);
  }

  function main() {
    body.dataset.styles = String([...document.styleSheets].filter((sheet) => sheet.cssRules.length).length);
    if (typeof uPlot !== 'function') {
      body.dataset.chartError = 'uPlot did not load';
      return;
    }
    const data = JSON.parse(document.getElementById('loadlab-run').textContent);
    const figures = [...document.querySelectorAll('figure[data-chart]')];
    figures.forEach((figure) => {
      try {
        const chart = figure.dataset.chart === 'series'
          ? seriesChart(data.run, figure.dataset.key)
          : timelineChart((data.timelines || {})[figure.dataset.step] || [], figure.dataset.key);
        draw(figure, chart);
      } catch (error) {
        figure.dataset.error = String((error && error.message) || error);
      }
    });
    body.dataset.charts = String(figures.length);
  }

  main();
}());
