// A chart of a query result, when its shape calls for one:
//  - a time series: a TIMESTAMP (or DATE) column and numbers: one line per number column, or one
//    line per name when a text column names the series (e.g. Name, minute, SUM(Distance));
//  - totals per unicorn (or anything): one text column and numbers, at most 60 rows: bars.
// Plain SVG, as the monitoring graphs; nothing is fetched.
import { formatDecimal, h, niceCeil, s } from './dom.js';
import { COLORS } from './chart.js';

const WIDTH = 760;
const HEIGHT = 260;
const M = { left: 64, right: 16, top: 12, bottom: 30 };
const PALETTE = [...COLORS, '#d6336c', '#0b8a8a', '#5f6b7a', '#b5179e'];

const isNumber = (type) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/i.test(type);
const isTime = (type) => /^(TIMESTAMP|DATE)/i.test(type);
const isText = (type) => /^VARCHAR/i.test(type);

/** Local time of a result's timestamp text ("2026-12-03 10:15:00.250"). */
function timeOf(value) {
  return typeof value === 'string' ? new Date(value.replace(' ', 'T')).getTime() : NaN;
}

/** The chart for this result, or null when it is neither a time series nor totals per name. */
export function resultChart(columns, rows) {
  if (rows.length < 1) return null;
  const time = columns.findIndex((c) => isTime(c.type));
  const numbers = columns.map((c, i) => (isNumber(c.type) && !/^(Latitude|Longitude)$/i.test(c.name) ? i : -1)).filter((i) => i >= 0);
  const text = columns.findIndex((c) => isText(c.type) && c.name !== 'datehour');
  if (time >= 0 && numbers.length > 0 && rows.length >= 2) return timeSeries(columns, rows, time, numbers, text);
  if (time < 0 && text >= 0 && numbers.length > 0 && rows.length <= 60) return bars(columns, rows, text, numbers[0]);
  return null;
}

function frame(kind, title) {
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title });
  const legend = h('div', { class: 'legend' });
  const element = h('div', { class: 'chart result-chart', id: 'result-chart', dataset: { kind } }, h('h3', {}, title), svg, legend);
  return { svg, legend, element };
}

function yAxis(top) {
  const tick = niceCeil(Math.max(top, 1e-9) / 4);
  const yMax = Math.max(tick, Math.ceil(top / tick) * tick);
  const y = (v) => M.top + (HEIGHT - M.top - M.bottom) * (1 - v / yMax);
  const grid = [];
  for (let v = 0; v <= yMax + tick / 2; v += tick) {
    grid.push(s('line', { class: v === 0 ? 'baseline' : 'gridline', x1: M.left, x2: WIDTH - M.right, y1: y(v), y2: y(v) }),
      s('text', { x: M.left - 6, y: y(v) + 3.5, 'text-anchor': 'end' }, formatDecimal(v)));
  }
  return { y, grid };
}

function timeSeries(columns, rows, time, numbers, text) {
  const series = new Map(); // label -> [{t, v}]
  for (const row of rows) {
    const t = timeOf(row[time]);
    if (!Number.isFinite(t)) continue;
    if (text >= 0) {
      const label = String(row[text]);
      if (!series.has(label)) series.set(label, []);
      series.get(label).push({ t, v: Number(row[numbers[0]]) });
    } else {
      for (const i of numbers.slice(0, 4)) {
        if (!series.has(columns[i].name)) series.set(columns[i].name, []);
        series.get(columns[i].name).push({ t, v: Number(row[i]) });
      }
    }
  }
  const lines = [...series.entries()].slice(0, PALETTE.length);
  if (lines.length === 0) return null;
  const all = lines.flatMap(([, points]) => points);
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t));
  const top = Math.max(0, ...all.map((p) => p.v).filter(Number.isFinite));
  const x = (t) => M.left + (t1 === t0 ? (WIDTH - M.left - M.right) / 2 : ((t - t0) * (WIDTH - M.left - M.right)) / (t1 - t0));
  const { y, grid } = yAxis(top);
  const what = text >= 0 ? `${columns[numbers[0]].name} by ${columns[text].name}` : numbers.slice(0, 4).map((i) => columns[i].name).join(', ');
  const chart = frame('time-series', `${what} over ${columns[time].name}`);
  const labels = [];
  for (let k = 0; k <= 4; k++) {
    const t = t0 + ((t1 - t0) * k) / 4;
    const d = new Date(t);
    labels.push(s('text', { x: x(t), y: HEIGHT - 8, 'text-anchor': 'middle' },
      `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`));
  }
  chart.svg.append(s('g', { class: 'axis' }, grid, labels),
    ...lines.map(([label, points], k) => {
      const sorted = [...points].sort((a, b) => a.t - b.t);
      return s('g', { class: 'series-group', dataset: { series: label } },
        s('polyline', { class: 'series', stroke: PALETTE[k], points: sorted.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ') }),
        sorted.length <= 200 ? sorted.map((p) => s('circle', { class: 'point', cx: x(p.t), cy: y(p.v), r: 2.4, fill: PALETTE[k] })) : []);
    }));
  chart.legend.append(...lines.map(([label], k) => h('span', {}, h('i', { style: `background:${PALETTE[k]}` }), label)));
  return chart.element;
}

function bars(columns, rows, text, number) {
  const values = rows.map((row) => ({ label: String(row[text]), v: Number(row[number]) })).filter((b) => Number.isFinite(b.v));
  if (values.length === 0) return null;
  const top = Math.max(0, ...values.map((b) => b.v));
  const { y, grid } = yAxis(top);
  const slot = (WIDTH - M.left - M.right) / values.length;
  const chart = frame('bars', `${columns[number].name} per ${columns[text].name}`);
  chart.svg.append(s('g', { class: 'axis' }, grid,
    values.length <= 20 ? values.map((b, i) => s('text', { x: M.left + slot * (i + 0.5), y: HEIGHT - 8, 'text-anchor': 'middle' }, b.label)) : []),
  ...values.map((b, i) => s('rect', {
    class: 'bar', x: M.left + slot * i + slot * 0.15, width: slot * 0.7, y: y(Math.max(0, b.v)),
    height: Math.max(0, y(0) - y(Math.max(0, b.v))), fill: PALETTE[i % PALETTE.length], dataset: { label: b.label, value: b.v },
  }, s('title', {}, `${b.label}: ${formatDecimal(b.v)}`))));
  chart.legend.append(h('span', {}, `${values.length} bars · largest ${formatDecimal(top)}`));
  return chart.element;
}
