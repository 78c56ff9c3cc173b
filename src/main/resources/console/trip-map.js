// A unicorn's trip from archived positions: when a result has Latitude and Longitude columns,
// each unicorn's points (by Name, when there is such a column, in StatusTime order when there
// is one) are drawn as a track on the same metric grid as the live unicorn map, centred on Midtown.
import { MIDTOWN, toMetres } from './unicorn-map.js';
import { formatDecimal, h, niceCeil, s } from './dom.js';

const WIDTH = 760;
const HEIGHT = 420;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const PADDING = 30;
const PALETTE = ['#7b2cbf', '#d6336c', '#0972d3', '#ec7211', '#037f0c', '#0b8a8a', '#b5179e', '#5f6b7a'];

function formatDistance(metres) {
  const m = Math.abs(metres);
  return m >= 1000 ? `${formatDecimal(m / 1000)} km` : `${Math.round(m)} m`;
}

/** The map for this result, or null when it has no positions. */
export function tripMap(columns, rows) {
  const find = (name) => columns.findIndex((c) => c.name.toLowerCase() === name);
  const lat = find('latitude');
  const lon = find('longitude');
  if (lat < 0 || lon < 0) return null;
  const name = find('name');
  const time = find('statustime');
  const trips = new Map();
  for (const row of rows) {
    if (!Number.isFinite(row[lat]) || !Number.isFinite(row[lon])) continue;
    const key = name >= 0 ? String(row[name]) : 'trip';
    if (!trips.has(key)) trips.set(key, []);
    trips.get(key).push({ at: time >= 0 ? String(row[time]) : '', p: toMetres(row[lat], row[lon]) });
  }
  if (trips.size === 0) return null;
  let need = 500 / (Math.min(CX, CY) - PADDING);
  for (const points of trips.values()) {
    if (time >= 0) points.sort((a, b) => a.at.localeCompare(b.at));
    for (const { p } of points) need = Math.max(need, Math.abs(p.x) / (CX - PADDING), Math.abs(p.y) / (CY - PADDING));
  }
  const mpp = niceCeil(need);
  const px = (p) => ({ x: CX + p.x / mpp, y: CY - p.y / mpp });
  const step = niceCeil(mpp * 80);
  const lines = [];
  for (let k = -Math.floor(CX / (step / mpp)); k <= Math.floor(CX / (step / mpp)); k++) {
    const x = CX + (k * step) / mpp;
    lines.push(s('line', { class: k === 0 ? 'axis-line' : 'grid-line', x1: x, x2: x, y1: 0, y2: HEIGHT }));
  }
  for (let k = -Math.floor(CY / (step / mpp)); k <= Math.floor(CY / (step / mpp)); k++) {
    const y = CY - (k * step) / mpp;
    lines.push(s('line', { class: k === 0 ? 'axis-line' : 'grid-line', x1: 0, x2: WIDTH, y1: y, y2: y }));
  }
  const entries = [...trips.entries()].slice(0, PALETTE.length);
  const svg = s('svg', { class: 'map', id: 'trip-map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': 'Trips on a map' },
    s('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#f7fbf7' }), s('g', { class: 'grid' }, lines),
    s('circle', { class: 'centre', cx: CX, cy: CY, r: 6 }),
    s('text', { class: 'centre-label', x: CX - 9, y: CY + 20, 'text-anchor': 'end' }, 'Midtown'),
    ...entries.map(([key, points], k) => {
      const drawn = points.map(({ p }) => px(p));
      const start = drawn[0];
      const end = drawn[drawn.length - 1];
      return s('g', { class: 'trip', dataset: { unicorn: key, points: points.length } },
        s('polyline', { class: 'track', stroke: PALETTE[k], points: drawn.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ') }),
        s('circle', { cx: start.x, cy: start.y, r: 4, fill: '#fff', stroke: PALETTE[k], 'stroke-width': 2 }),
        s('circle', { cx: end.x, cy: end.y, r: 7, fill: PALETTE[k], stroke: '#fff', 'stroke-width': 2 }),
        s('text', { x: end.x + 10, y: end.y + 4, fill: PALETTE[k], class: 'trip-label' }, key));
    }),
    s('text', { class: 'scale-label', x: 14, y: HEIGHT - 12 }, `grid: ${formatDistance(step)}`));
  return h('div', { class: 'map-box trip-box' }, svg,
    h('div', { class: 'hint' }, `${entries.length} trip${entries.length === 1 ? '' : 's'} from the archived positions, centred on Midtown `
      + `(${MIDTOWN.latitude}, ${MIDTOWN.longitude}); a hollow dot marks each start.`));
}
