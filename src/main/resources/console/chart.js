// A small SVG line chart of per-minute values, drawn like the cloud console's metric graphs:
// one point per minute, hover for the minute's values. No chart library needed.
import { formatClock, formatCount, h, niceCeil, s } from './dom.js';

const WIDTH = 420;
const HEIGHT = 190;
const MARGIN = { left: 50, right: 12, top: 10, bottom: 26 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
export const COLORS = ['#0972d3', '#ec7211', '#037f0c', '#8e3ab3'];

export class MinuteChart {
  /**
   * @param id       stable name (data-chart attribute)
   * @param title    e.g. "Put record (success count)"
   * @param subtitle e.g. "Sum · Count"
   * @param format   formats a value for axes and tooltips
   */
  constructor({ id, title, subtitle, format = formatCount }) {
    this.format = format;
    this.svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title });
    this.legend = h('div', { class: 'legend' });
    this.tooltip = h('div', { class: 'tooltip', hidden: true });
    this.element = h('div', { class: 'chart', dataset: { chart: id } },
      h('h3', {}, title), h('div', { class: 'sub' }, subtitle), this.svg, this.legend, this.tooltip);
    this.data = null;
  }

  /**
   * @param lines   [{label, values, maximum}] one value per minute, oldest first
   * @param first   start of the first minute (epoch millis)
   * @param step    minute length in millis
   */
  update(lines, first, step) {
    this.data = { lines, first, step };
    const n = lines[0].values.length;
    const top = Math.max(0, ...lines.flatMap((l) => l.values));
    const tick = Math.max(1, niceCeil(top / 4));
    const yMax = Math.max(tick, Math.ceil(top / tick) * tick);
    const x = (i) => MARGIN.left + (n <= 1 ? PLOT_W / 2 : (i * PLOT_W) / (n - 1));
    const y = (v) => MARGIN.top + PLOT_H - (v / yMax) * PLOT_H;
    this.x = x;
    this.n = n;

    const grid = s('g', { class: 'axis' });
    for (let v = 0; v <= yMax + tick / 2; v += tick) {
      grid.append(
        s('line', { class: v === 0 ? 'baseline' : 'gridline', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v) }),
        s('text', { x: MARGIN.left - 6, y: y(v) + 3.5, 'text-anchor': 'end' }, this.format(v)));
    }
    const every = labelEveryMinutes(n);
    for (let i = 0; i < n; i++) {
      const t = new Date(first + i * step);
      if ((t.getHours() * 60 + t.getMinutes()) % every === 0) {
        grid.append(
          s('line', { class: 'gridline', x1: x(i), x2: x(i), y1: MARGIN.top, y2: MARGIN.top + PLOT_H }),
          s('text', { x: x(i), y: HEIGHT - 8, 'text-anchor': 'middle' }, formatClock(t.getTime())));
      }
    }
    const radius = n > 120 ? 1.6 : 2.8;
    const series = lines.map((line, k) => s('g', { class: 'series-group', dataset: { series: line.key } },
      s('polyline', {
        class: 'series', stroke: COLORS[k % COLORS.length],
        points: line.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
      }),
      line.values.map((v, i) => (v > 0
        ? s('circle', { class: 'point', cx: x(i), cy: y(v), r: radius, fill: COLORS[k % COLORS.length], dataset: { value: v, minute: first + i * step } })
        : null))));
    this.hoverLine = s('line', { class: 'hover-line', y1: MARGIN.top, y2: MARGIN.top + PLOT_H, visibility: 'hidden' });
    const overlay = s('rect', { x: MARGIN.left, y: MARGIN.top, width: PLOT_W, height: PLOT_H, fill: 'transparent' });
    overlay.addEventListener('mousemove', (event) => this.hover(event));
    overlay.addEventListener('mouseleave', () => this.unhover());
    this.svg.replaceChildren(grid, ...series, this.hoverLine, overlay);
    // A refresh under a resting pointer keeps the tooltip, with the new values.
    if (this.lastPointer) this.hover(this.lastPointer);

    this.legend.replaceChildren(...lines.map((line, k) => {
      const summary = line.maximum ? `max ${this.format(Math.max(0, ...line.values))}`
        : `sum ${this.format(line.values.reduce((a, b) => a + b, 0))}`;
      return h('span', {}, h('i', { style: `background:${COLORS[k % COLORS.length]}` }), `${line.label} · ${summary}`);
    }));
  }

  hover(event) {
    if (!this.data) return;
    this.lastPointer = { clientX: event.clientX };
    const box = this.svg.getBoundingClientRect();
    const scale = WIDTH / box.width;
    const px = (event.clientX - box.left) * scale;
    const i = this.n <= 1 ? 0 : Math.round(((px - MARGIN.left) / PLOT_W) * (this.n - 1));
    const index = Math.min(this.n - 1, Math.max(0, i));
    const { lines, first, step } = this.data;
    this.hoverLine.setAttribute('x1', this.x(index));
    this.hoverLine.setAttribute('x2', this.x(index));
    this.hoverLine.setAttribute('visibility', 'visible');
    const start = first + index * step;
    this.tooltip.replaceChildren(
      h('b', {}, `${formatClock(start)}–${formatClock(start + step)}`),
      ...lines.map((line) => h('div', {}, `${line.label}: ${this.format(line.values[index])}`)));
    this.tooltip.hidden = false;
    const cardBox = this.element.getBoundingClientRect();
    const left = box.left - cardBox.left + this.x(index) / scale;
    this.tooltip.style.left = `${Math.min(left + 10, cardBox.width - 150)}px`;
    this.tooltip.style.top = `${box.top - cardBox.top + 8}px`;
  }

  unhover() {
    this.lastPointer = null;
    this.hoverLine?.setAttribute('visibility', 'hidden');
    this.tooltip.hidden = true;
  }
}

function labelEveryMinutes(n) {
  if (n <= 20) return 5;
  if (n <= 60) return 15;
  if (n <= 180) return 30;
  return 240;
}
