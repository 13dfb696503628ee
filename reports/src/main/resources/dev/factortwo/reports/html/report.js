(function () {
  'use strict';
  var errors = window.__factortwoErrors || [];
  var data = JSON.parse(document.getElementById('factortwo-data').textContent);
  var css = getComputedStyle(document.documentElement);
  var PALETTE = ['#2f6fdb', '#e8833a', '#1a7f37', '#8250df', '#cf222e', '#0a8a8a', '#bf3989', '#6e7781'];
  var POINT_STYLES = ['circle', 'rectRot', 'triangle', 'rect', 'star', 'crossRot'];
  var OUTCOME_COLOURS = {
    'recomputed-identical': cssVar('--v-recomputable'),
    'recomputed-different': cssVar('--v-divergent'),
    'restarted': cssVar('--v-tolerance'),
    'failed': cssVar('--v-failed')
  };
  var number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  var status = [];
  window.__factortwoCharts = status;
  window.__factortwoChartInstances = [];

  function cssVar(name) { return css.getPropertyValue(name).trim(); }
  function verdictColour(cssName) { return cssVar('--v-' + cssName) || '#8c959f'; }
  function stateColour(state, i) { return cssVar('--state-' + state) || PALETTE[(i + 2) % PALETTE.length]; }
  function rate(v) { return v == null ? '-' : (Math.abs(v) < 100 ? v.toFixed(1) : number.format(v)); }

  if (window.Chart) {
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#1f2328';
  } else {
    errors.push('Chart.js did not load');
  }

  function make(id, config, points) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    var entry = { id: id, points: points, drawn: false, error: null };
    status.push(entry);
    try {
      window.__factortwoChartInstances.push(new Chart(canvas, config));
    } catch (e) {
      entry.error = String(e && e.message || e);
      errors.push('chart ' + id + ': ' + entry.error);
    }
  }

  // Whiskers: a 95% CI line over each bar, and a dot in the bar's reproducibility colour above it.
  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden || !ds.lows) return;
        meta.data.forEach(function (bar, j) {
          if (ds.data[j] == null) {
            if (ds.verdicts && ds.verdicts[j] === 'failed') {
              ctx.save();
              ctx.fillStyle = verdictColour('divergent');
              ctx.font = 'bold 12px ' + Chart.defaults.font.family;
              ctx.textAlign = 'center';
              ctx.fillText('\u2716 ' + ds.label + ' failed', chart.scales.x.getPixelForValue(j), y.getPixelForValue(0) - 8);
              ctx.restore();
            }
            return;
          }
          var lo = ds.lows[j], hi = ds.highs[j];
          var top = y.getPixelForValue(hi == null ? ds.data[j] : hi);
          ctx.save();
          if (lo != null && hi != null && hi > lo) {
            var bottom = y.getPixelForValue(lo), w = Math.max(3, Math.min(8, bar.width / 4));
            ctx.strokeStyle = '#1f2328';
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
            ctx.moveTo(bar.x - w, top); ctx.lineTo(bar.x + w, top);
            ctx.moveTo(bar.x - w, bottom); ctx.lineTo(bar.x + w, bottom);
            ctx.stroke();
          }
          if (ds.verdicts && ds.verdicts[j]) {
            ctx.fillStyle = verdictColour(ds.verdicts[j]);
            ctx.strokeStyle = '#fff';
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.arc(bar.x, top - 9, 5, 0, 2 * Math.PI);
            ctx.fill();
            ctx.stroke();
          }
          ctx.restore();
        });
      });
    }
  };

  // 1. Speed against reproducibility, with the frontier per workload.
  (function () {
    var datasets = [], points = 0;
    var levels = {};
    data.levels.forEach(function (l) { levels[l.level] = l.label; });
    data.frontier.forEach(function (g, i) {
      var colour = PALETTE[i % PALETTE.length];
      points += g.points.length;
      datasets.push({
        label: g.group + (g.price ? ' (price ' + g.price + ')' : ''), data: g.points, backgroundColor: colour + 'cc', borderColor: colour,
        pointStyle: POINT_STYLES[i % POINT_STYLES.length], pointRadius: 8, pointHoverRadius: 10
      });
      datasets.push({
        label: g.group + ' frontier', frontier: true, data: g.line, borderColor: colour, borderDash: [6, 4],
        borderWidth: 2, pointRadius: 0, showLine: true, fill: false
      });
    });
    make('chart-frontier', {
      type: 'scatter',
      data: { datasets: datasets },
      options: {
        scales: {
          x: { min: 0, max: 105, title: { display: true, text: 'speed: % of the fastest configuration of the same workload (right is faster)' },
               ticks: { callback: function (v) { return v <= 100 ? v + '%' : ''; } } },
          y: { min: -0.5, max: 4.5, title: { display: true, text: 'reproducibility (up is better)' },
               afterBuildTicks: function (axis) {
                 axis.ticks = Object.keys(levels).map(function (l) { return { value: Number(l) }; });
               },
               ticks: { callback: function (v) { return levels[v] || ''; } } }
        },
        plugins: {
          legend: { labels: { usePointStyle: true, filter: function (item, d) { return !d.datasets[item.datasetIndex].frontier; } } },
          tooltip: {
            filter: function (item) { return !item.dataset.frontier; },
            callbacks: {
              label: function (c) {
                var p = c.raw;
                return c.dataset.label + ' · ' + p.label + ': ' + rate(p.rate) + ' samples/s (' + p.x.toFixed(0) + '% of fastest), ' + p.verdict;
              }
            }
          }
        }
      }
    }, points);
  })();

  // 2. Throughput by tier and state, one chart per workload.
  data.throughput.forEach(function (g, i) {
    var max = 0, points = 0;
    var states = g.series.map(function (s) { return s.state; });
    var statesRepeat = states.some(function (s, k) { return states.indexOf(s) !== k; });
    var datasets = g.series.map(function (s, k) {
      s.highs.forEach(function (h, j) { var v = h == null ? s.means[j] : h; if (v != null && v > max) max = v; });
      s.means.forEach(function (m) { if (m != null) points++; });
      return {
        label: s.name, data: s.means, lows: s.lows, highs: s.highs, verdicts: s.verdicts, verdictLabels: s.verdictLabels,
        backgroundColor: statesRepeat ? PALETTE[k % PALETTE.length] : stateColour(s.state, k), borderRadius: 3, skipNull: true
      };
    });
    make('chart-throughput-' + i, {
      type: 'bar',
      data: { labels: g.tiers, datasets: datasets },
      options: {
        scales: {
          y: { beginAtZero: true, suggestedMax: max * 1.12, title: { display: true, text: 'samples per second' } },
          x: { title: { display: true, text: 'storage tier' } }
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (c) {
                var ds = c.dataset, j = c.dataIndex;
                var ci = ds.lows[j] != null && ds.highs[j] != null && ds.highs[j] > ds.lows[j] ? ' [' + rate(ds.lows[j]) + ', ' + rate(ds.highs[j]) + ']' : '';
                return ds.label + ': ' + rate(c.raw) + ' samples/s' + ci + ', ' + (ds.verdictLabels[j] || '');
              }
            }
          }
        }
      },
      plugins: [whiskers]
    }, points);
  });

  // 3. Where the time goes: input, compute, other, as shares of wall time.
  (function () {
    var t = data.time;
    make('chart-time', {
      type: 'bar',
      data: {
        labels: t.labels,
        datasets: [
          { label: 'waiting for input', data: t.input, backgroundColor: '#e8833a' },
          { label: 'computing', data: t.compute, backgroundColor: '#2f6fdb' },
          { label: 'other', data: t.other, backgroundColor: '#c9d1d9' }
        ]
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { stacked: true, min: 0, max: 100, title: { display: true, text: '% of wall time' }, ticks: { callback: function (v) { return v + '%'; } } },
          y: { stacked: true }
        },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.raw + '%'; } } } }
      }
    }, t.labels.length);
  })();

  // 4. Step latency percentile curves, one chart per workload.
  var NINES = [1, 2, 10, 100, 1000, 10000, 100000, 1000000];
  function nines(v) {
    var p = (1 - 1 / v) * 100;
    return (Math.round(p * 1000) / 1000) + '%';
  }
  data.latency.forEach(function (g, i) {
    var points = 0;
    var datasets = g.series.map(function (s, k) {
      points += s.points.length;
      var colour = PALETTE[k % PALETTE.length];
      return { label: s.name, data: s.points, borderColor: colour, backgroundColor: colour, showLine: true, pointRadius: 2, borderWidth: 2 };
    });
    make('chart-latency-' + i, {
      type: 'scatter',
      data: { datasets: datasets },
      options: {
        scales: {
          x: {
            type: 'logarithmic', min: 1, title: { display: true, text: 'percentile' },
            afterBuildTicks: function (axis) {
              axis.ticks = NINES.filter(function (v) { return v <= axis.max; }).map(function (v) { return { value: v }; });
            },
            ticks: { callback: function (v) { return nines(v); } }
          },
          y: { type: 'logarithmic', title: { display: true, text: 'step latency (ms)' },
               ticks: { callback: function (v) { var s = String(v); return /^[125]/.test(s) ? s : ''; } } }
        },
        plugins: {
          tooltip: { callbacks: { label: function (c) { var p = c.raw; return c.dataset.label + ': ' + (p.p >= 100 ? 'max' : 'p' + p.p) + ' = ' + p.y.toFixed(3) + ' ms'; } } }
        }
      }
    }, points);
  });

  // 5. Fault recovery times, coloured by outcome.
  (function () {
    var f = data.faults;
    if (!f.labels.length) return;
    var used = [];
    f.outcomes.forEach(function (o) { if (used.indexOf(o) < 0) used.push(o); });
    make('chart-faults', {
      type: 'bar',
      data: { labels: f.labels, datasets: [{ label: 'recovery', data: f.seconds, backgroundColor: f.outcomes.map(function (o) { return OUTCOME_COLOURS[o] || '#8c959f'; }) }] },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, title: { display: true, text: 'extra wall time versus the fault-free run (s)' } } },
        plugins: {
          legend: {
            onClick: function () {},
            labels: { generateLabels: function () { return used.map(function (o) { return { text: o, fillStyle: OUTCOME_COLOURS[o] || '#8c959f', strokeStyle: OUTCOME_COLOURS[o] || '#8c959f', lineWidth: 0, hidden: false }; }); } }
          },
          tooltip: { callbacks: { label: function (c) { return f.outcomes[c.dataIndex] + ', ' + c.raw.toFixed(1) + ' s: ' + f.explanations[c.dataIndex]; } } }
        }
      }
    }, f.labels.length);
  })();

  // Sortable tables: click a header; rows carry their sort keys as data-* attributes.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th) {
      th.addEventListener('click', function () {
        var key = th.getAttribute('data-key');
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.getAttribute('data-' + key)), y = sortKey(b.getAttribute('data-' + key));
          if (x === null && y === null) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          var c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  function sortKey(s) {
    if (s === null || s === '') return null;
    var n = Number(s);
    return isNaN(n) ? s.toLowerCase() : n;
  }

  // Self-check for tests and the curious: did every chart draw, any errors, one row per cell?
  function nonBlank(canvas) {
    try {
      var d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (var i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
    } catch (e) {
      errors.push('cannot read canvas ' + canvas.id + ': ' + e);
    }
    return false;
  }
  status.forEach(function (s) { s.drawn = !s.error && nonBlank(document.getElementById(s.id)); });
  var matrix = document.getElementById('matrix');
  document.getElementById('factortwo-selfcheck').textContent = JSON.stringify({
    errors: errors,
    charts: status.length,
    drawn: status.filter(function (s) { return s.drawn; }).length,
    chartStatus: status,
    rows: matrix ? matrix.tBodies[0].rows.length : 0,
    expectedRows: data.cellCount
  });
})();
