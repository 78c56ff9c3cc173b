// Small DOM and formatting helpers: elements are built with h()/s(), never from HTML strings,
// so record data and error messages are always shown as text.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'class') {
      element.setAttribute('class', value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** An HTML element: h('a', {href: '#/'}, 'Streams'). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** An error box that shows an API error as the API words it: "Type: message". */
export function errorBox(error) {
  const type = error && error.type ? error.type : 'Error';
  const message = error && error.message ? error.message : String(error);
  return h('div', { class: 'alert error', role: 'alert' }, h('strong', {}, type), ': ', message);
}

/**
 * Runs task now and then again periodMillis after each run ends (never two at once, never a
 * tight loop). refresh() runs it at once; stop() ends it.
 */
export function repeat(periodMillis, task) {
  let stopped = false;
  let running = false;
  let rerun = false;
  let timer = null;
  async function run() {
    timer = null;
    if (stopped) return;
    if (running) { rerun = true; return; }
    running = true;
    try {
      await task();
    } catch (e) {
      console.error(e);
    }
    running = false;
    if (stopped) return;
    if (rerun) { rerun = false; run(); return; }
    timer = setTimeout(run, periodMillis);
  }
  run();
  return {
    stop() { stopped = true; if (timer) clearTimeout(timer); },
    refresh() { if (timer) clearTimeout(timer); run(); },
  };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n) {
  return integer.format(n);
}

export function formatDecimal(n) {
  return decimal.format(n);
}

export function formatBytes(n) {
  if (n < 1000) return `${integer.format(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return `${decimal.format(value)} ${units[unit]}`;
}

export function formatMillis(n) {
  if (n < 1000) return `${integer.format(n)} ms`;
  if (n < 60_000) return `${decimal.format(n / 1000)} s`;
  if (n < 3_600_000) return `${decimal.format(n / 60_000)} min`;
  return `${decimal.format(n / 3_600_000)} h`;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Local time as HH:MM. */
export function formatClock(millis) {
  const d = new Date(millis);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local time as HH:MM:SS. */
export function formatTime(millis) {
  const d = new Date(millis);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local date and time as YYYY-MM-DD HH:MM:SS.mmm. */
export function formatDateTime(millis) {
  const d = new Date(millis);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(millis)}.${pad(d.getMilliseconds(), 3)}`;
}

/** The value a datetime-local input takes for a local time, to the second. */
export function toLocalInputValue(millis) {
  const d = new Date(millis);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${formatTime(millis)}`;
}

/** The smallest of 1, 2 or 5 times a power of ten that is at least value. */
export function niceCeil(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** The largest of 1, 2 or 5 times a power of ten that is at most value. */
export function niceFloor(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [5, 2, 1]) {
    if (step * power <= value) return step * power;
  }
  return power;
}
