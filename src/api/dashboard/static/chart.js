// Lyttepost chart renderer: draws line charts (with an optional percentile band) as SVG from the JSON that
// the server puts next to each <figure data-chart>. No dependencies; the figures also exist as a table.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  // Line colours with ≥ 3:1 contrast on the panel background (#f4f6f8).
  var COLOURS = ['#0b4f8a', '#a63d00', '#2d6a2f', '#6a3d9a', '#4a4a4a', '#8a1c4a'];
  var BAND = '#9ec5e8';

  function el(name, attrs, parent) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(n);
    return n;
  }

  function fmt(v, spec) {
    if (v === null || v === undefined) return '–';
    var loc = spec.lang === 'en' ? 'en-GB' : 'nb-NO';
    if (spec.unit === 'share') return Math.round(v * 100).toLocaleString(loc) + ' %';
    if (spec.unit === 'hours') return (Math.round(v * 10) / 10).toLocaleString(loc) + (spec.lang === 'en' ? ' h' : ' t');
    return (Math.round(v * 10) / 10).toLocaleString(loc);
  }

  function path(values, x, y) {
    var d = '';
    var pen = false;
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (v === null || v === undefined) {
        pen = false;
        continue;
      }
      d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
      pen = true;
    }
    return d;
  }

  function draw(fig) {
    var holder = fig.querySelector('.chart-canvas');
    var data = fig.querySelector('script.chart-data');
    if (!holder || !data) return;
    var spec;
    try {
      spec = JSON.parse(data.textContent || '{}');
    } catch {
      return;
    }
    // Drawn at the holder's real width, so 12px text stays 12px on a phone (a scaled 720px drawing made it ~5px).
    var W = Math.max(280, Math.min(960, Math.round(holder.clientWidth || 720)));
    var H = W < 500 ? 240 : 300,
      L = 52,
      R = 12,
      T = 12,
      B = spec.n ? 54 : 40;
    var n = spec.weeks.length;
    var x = function (i) {
      return L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
    };
    var y = function (v) {
      return T + (1 - Math.max(0, Math.min(spec.yMax, v)) / spec.yMax) * (H - T - B);
    };
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, 'aria-hidden': 'true', focusable: 'false' });
    for (var g = 0; g <= 4; g++) {
      var gv = (spec.yMax * g) / 4;
      el('line', { x1: L, x2: W - R, y1: y(gv), y2: y(gv), stroke: '#c9d1d9', 'stroke-width': 1 }, svg);
      var lbl = el('text', { x: L - 6, y: y(gv) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1b1b' }, svg);
      lbl.textContent = fmt(gv, spec);
    }
    var step = Math.max(1, Math.ceil(n / Math.max(2, Math.floor((W - L - R) / 64))));
    for (var i = 0; i < n; i += step) {
      var t = el('text', { x: x(i), y: H - B + 18, 'text-anchor': 'middle', 'font-size': 12, fill: '#1b1b1b' }, svg);
      t.textContent = spec.weeks[i].replace(/^\d{4}-/, '');
      if (spec.n) {
        var nt = el('text', { x: x(i), y: H - B + 34, 'text-anchor': 'middle', 'font-size': 12, fill: '#4a4a4a', class: 'n' }, svg);
        var nv = spec.n.values[i];
        nt.textContent = 'n ' + (nv === null || nv === undefined ? '–' : nv);
      }
    }
    if (spec.band) {
      var top = [],
        bottom = [];
      for (var b = 0; b < n; b++) {
        var lo = spec.band.low[b],
          hi = spec.band.high[b];
        if (lo === null || hi === null || lo === undefined || hi === undefined) continue;
        top.push(x(b).toFixed(1) + ',' + y(hi).toFixed(1));
        bottom.unshift(x(b).toFixed(1) + ',' + y(lo).toFixed(1));
      }
      if (top.length > 0)
        el('polygon', { points: top.concat(bottom).join(' '), fill: BAND, 'fill-opacity': 0.55, stroke: 'none', class: 'band' }, svg);
    }
    var plotted = 0;
    spec.series.forEach(function (s, si) {
      var colour = COLOURS[si % COLOURS.length];
      var d = path(s.values, x, y);
      if (s.kind === 'target') {
        // A flat reference line across the plot, even with a single week.
        var tv = s.values.filter(function (v) {
          return v !== null && v !== undefined;
        })[0];
        if (tv !== undefined)
          el(
            'line',
            { x1: L, x2: W - R, y1: y(tv), y2: y(tv), stroke: colour, 'stroke-width': 2, 'stroke-dasharray': '2 4', class: 'target' },
            svg,
          );
        return;
      }
      if (d) {
        el(
          'path',
          {
            d: d,
            fill: 'none',
            stroke: colour,
            'stroke-width': 2.5,
            'stroke-dasharray': s.kind === 'dashed' ? '6 4' : 'none',
            class: 'series',
          },
          svg,
        );
      }
      s.values.forEach(function (v, vi) {
        if (v === null || v === undefined) return;
        plotted++;
        var c = el('circle', { cx: x(vi), cy: y(v), r: 3, fill: colour, class: 'point' }, svg);
        var title = el('title', {}, c);
        title.textContent = s.label + ', ' + spec.weeks[vi] + ': ' + fmt(v, spec);
      });
    });
    holder.textContent = '';
    holder.appendChild(svg);
    holder.setAttribute('data-points', String(plotted));
    var legend = document.createElement('ul');
    legend.className = 'legend';
    if (spec.band) {
      var lb = document.createElement('li');
      var bs = document.createElement('span');
      bs.className = 'swatch band';
      bs.style.background = BAND;
      lb.appendChild(bs);
      lb.appendChild(document.createTextNode(spec.band.label));
      legend.appendChild(lb);
    }
    spec.series.forEach(function (s, si) {
      var li = document.createElement('li');
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = COLOURS[si % COLOURS.length];
      li.appendChild(sw);
      li.appendChild(document.createTextNode(s.label));
      legend.appendChild(li);
    });
    holder.appendChild(legend);
  }

  function init() {
    var figs = document.querySelectorAll('figure[data-chart]');
    for (var i = 0; i < figs.length; i++) draw(figs[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
