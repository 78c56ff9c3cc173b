// An SVG chart of one value per window (a line with points) and of min–max ranges per window
// (filled bands between a lower and an upper line), for the aggregation's summaries. The x axis
// is the windows' start as the summaries write it (StatusTime, shown as written, no zone).
import { formatCount, h, niceCeil, s } from './dom.js';
import { COLORS } from './chart.js';

const WIDTH = 420;
const HEIGHT = 190;
const MARGIN = { left: 50, right: 12, top: 10, bottom: 26 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

/** "2026-12-03 13:20:00.000" -> its clock part, "13:20" (or "13:20:10" when not on a whole minute). */
export function windowLabel(statusTime) {
  const clock = statusTime.slice(11, 19);
  return clock.endsWith(':00') ? clock.slice(0, 5) : clock;
}

export class WindowChart {
  /** @param id stable name (data-chart attribute); format formats values for axes and tooltips; bandColor the first band's colour index */
  constructor({ id, title, subtitle, format = formatCount, bandColor = 1 }) {
    this.format = format;
    this.bandColor = bandColor;
    this.svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title });
    this.legend = h('div', { class: 'legend' });
    this.tooltip = h('div', { class: 'tooltip', hidden: true });
    this.element = h('div', { class: 'chart', dataset: { chart: id } },
      h('h3', {}, title), h('div', { class: 'sub' }, subtitle), this.svg, this.legend, this.tooltip);
  }

  /**
   * @param windows  the windows' StatusTime texts, oldest first
   * @param lines    [{key, label, values}] one value per window (null: none)
   * @param bands    [{key, label, min, max}] a lower and an upper value per window
   */
  update(windows, lines = [], bands = []) {
    this.data = { windows, lines, bands };
    const n = windows.length;
    const all = [...lines.flatMap((l) => l.values), ...bands.flatMap((b) => [...b.min, ...b.max])].filter((v) => v != null);
    const fromZero = bands.length === 0;
    let low = fromZero ? 0 : Math.min(...all);
    let high = Math.max(fromZero ? 1 : low + 1, ...all);
    const tick = Math.max(1, niceCeil((high - low) / 4));
    low = fromZero ? 0 : Math.floor(low / tick) * tick - tick;
    high = Math.ceil(high / tick) * tick + (fromZero ? 0 : tick);
    const x = (i) => MARGIN.left + (n <= 1 ? PLOT_W / 2 : (i * PLOT_W) / (n - 1));
    const y = (v) => MARGIN.top + PLOT_H - ((v - low) / (high - low)) * PLOT_H;
    this.x = x;
    const grid = s('g', { class: 'axis' });
    for (let v = low; v <= high + tick / 2; v += tick) {
      grid.append(
        s('line', { class: v === low ? 'baseline' : 'gridline', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v) }),
        s('text', { x: MARGIN.left - 6, y: y(v) + 3.5, 'text-anchor': 'end' }, this.format(v)));
    }
    const every = Math.max(1, Math.ceil(n / 6));
    windows.forEach((w, i) => {
      if (i % every === 0) grid.append(s('text', { x: x(i), y: HEIGHT - 8, 'text-anchor': 'middle' }, windowLabel(w)));
    });
    const points = (values) => values.map((v, i) => (v == null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
    const drawnBands = bands.map((band, k) => {
      const color = COLORS[(k + this.bandColor) % COLORS.length];
      const upper = points(band.max);
      const lower = points(band.min).reverse();
      return s('g', { class: 'band-group', dataset: { series: band.key } },
        s('polygon', { class: 'band', fill: color, 'fill-opacity': 0.22, stroke: 'none', points: [...upper, ...lower].join(' '),
          dataset: { series: band.key } }),
        s('polyline', { class: 'series', stroke: color, points: upper.join(' ') }),
        s('polyline', { class: 'series', stroke: color, points: points(band.min).join(' ') }));
    });
    const drawnLines = lines.map((line, k) => s('g', { class: 'series-group', dataset: { series: line.key } },
      s('polyline', { class: 'series', stroke: COLORS[k % COLORS.length], points: points(line.values).join(' ') }),
      line.values.map((v, i) => (v == null ? null : s('circle', {
        class: 'point', cx: x(i), cy: y(v), r: 2.8, fill: COLORS[k % COLORS.length], dataset: { value: v, window: windows[i] },
      })))));
    this.hoverLine = s('line', { class: 'hover-line', y1: MARGIN.top, y2: MARGIN.top + PLOT_H, visibility: 'hidden' });
    const overlay = s('rect', { x: MARGIN.left, y: MARGIN.top, width: PLOT_W, height: PLOT_H, fill: 'transparent' });
    overlay.addEventListener('mousemove', (event) => this.hover(event));
    overlay.addEventListener('mouseleave', () => this.unhover());
    this.svg.replaceChildren(grid, ...drawnBands, ...drawnLines, this.hoverLine, overlay);
    if (this.hoveredAt != null && !this.tooltip.hidden) this.hover({ clientX: this.hoveredAt }); // a redraw keeps the tooltip
    this.legend.replaceChildren(
      ...lines.map((line, k) => h('span', {}, h('i', { style: `background:${COLORS[k % COLORS.length]}` }), line.label)),
      ...bands.map((band, k) => h('span', {}, h('i', { style: `background:${COLORS[(k + this.bandColor) % COLORS.length]}; height: 8px; opacity: .6` }),
        `${band.label} (min–max)`)));
  }

  hover(event) {
    const { windows, lines, bands } = this.data;
    this.hoveredAt = event.clientX;
    if (windows.length === 0) return;
    const box = this.svg.getBoundingClientRect();
    const scale = WIDTH / box.width;
    const px = (event.clientX - box.left) * scale;
    const n = windows.length;
    const index = Math.min(n - 1, Math.max(0, n <= 1 ? 0 : Math.round(((px - MARGIN.left) / PLOT_W) * (n - 1))));
    this.hoverLine.setAttribute('x1', this.x(index));
    this.hoverLine.setAttribute('x2', this.x(index));
    this.hoverLine.setAttribute('visibility', 'visible');
    const shown = (v) => (v == null ? '–' : this.format(v));
    this.tooltip.replaceChildren(h('b', {}, windows[index]),
      ...lines.map((l) => h('div', {}, `${l.label}: ${shown(l.values[index])}`)),
      ...bands.map((b) => h('div', {}, `${b.label}: ${shown(b.min[index])}–${shown(b.max[index])}`)));
    this.tooltip.hidden = false;
    const card = this.element.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(box.left - card.left + this.x(index) / scale + 10, card.width - 170)}px`;
    this.tooltip.style.top = `${box.top - card.top + 8}px`;
  }

  unhover() {
    this.hoveredAt = null;
    this.hoverLine?.setAttribute('visibility', 'hidden');
    this.tooltip.hidden = true;
  }
}
