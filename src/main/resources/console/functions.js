// The Functions page (#/functions): the functions `wildrydes process` runs, from the status files
// they rewrite every second (GET /console/api/functions), with Lambda's Monitor graphs for each:
// invocations, errors, duration and iterator age per minute over the last hour.
import { consoleApi } from './kinesis.js';
import { errorBox, formatCount, formatMillis, formatTime, h, repeat } from './dom.js';
import { MinuteChart } from './chart.js';

const REFRESH_MILLIS = 5000;
const CHARTS = [
  { id: 'invocations', title: 'Invocations', subtitle: 'Sum · Count', lines: [['invocations', 'Invocations']] },
  { id: 'errors', title: 'Errors', subtitle: 'Sum · Count', lines: [['errors', 'Errors']] },
  { id: 'duration', title: 'Duration', subtitle: 'Average and maximum · Milliseconds',
    lines: [['durationAvgMillis', 'Average'], ['durationMaxMillis', 'Maximum']], format: formatMillis, maximum: true },
  { id: 'iteratorAge', title: 'Iterator age', subtitle: 'Maximum · Milliseconds', lines: [['iteratorAgeMaxMillis', 'Iterator age']],
    format: formatMillis, maximum: true },
];

export function functionsView(root) {
  const status = h('span', { class: 'hint' }, 'Loading…');
  const problems = h('div');
  const list = h('div', { id: 'functions' });
  const panels = new Map();
  root.append(
    h('div', { class: 'breadcrumbs' }, 'Lambda', ' › ', 'Functions'),
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' }, h('h2', {}, 'Functions'), h('span', { class: 'grow' }), status),
      h('p', { class: 'hint' }, 'Functions run by ./process (module 4) against this server; each appears once it has started.'),
      problems),
    list);

  const poller = repeat(REFRESH_MILLIS, async () => {
    try {
      const data = await consoleApi('functions');
      if (data.functions.length === 0) {
        list.replaceChildren(h('section', { class: 'panel' }, h('p', { class: 'empty' },
          'No function yet: start one with ./process (the workshop\'s function on wildrydes-summary).')));
        panels.clear();
      }
      for (const f of data.functions) {
        let panel = panels.get(f.function);
        if (!panel) {
          panel = functionPanel(f.function);
          panels.set(f.function, panel);
          if (panels.size === 1) list.replaceChildren();
          list.append(panel.element);
        }
        panel.update(f);
      }
      problems.replaceChildren();
      status.textContent = `Per minute, the current minute still filling · updated ${formatTime(Date.now())}`;
    } catch (e) {
      problems.replaceChildren(errorBox(e));
    }
  });
  return () => poller.stop();
}

function functionPanel(name) {
  const state = h('span', { class: 'status' });
  const facts = h('p', { class: 'hint' });
  const charts = CHARTS.map((c) => ({ definition: c, chart: new MinuteChart({ ...c, format: c.format || formatCount }) }));
  const element = h('section', { class: 'panel', dataset: { function: name } },
    h('div', { class: 'panel-head' }, h('h2', {}, name), state),
    facts,
    h('div', { class: 'charts' }, charts.map((c) => c.chart.element)));
  return {
    element,
    update(f) {
      state.textContent = f.running ? 'Running' : 'Stopped';
      state.className = `badge ${f.running ? 'ACTIVE' : 'Closed'} status`;
      facts.textContent = `${f.runtime} · stream ${f.stream} · table ${f.table} · ${formatCount(f.totals.invocations)} invocations, `
        + `${formatCount(f.totals.errors)} errors, ${formatCount(f.totals.records)} records since ${formatTime(f.startedMillis)}`
        + (f.totals.discardedRecords ? ` · ${formatCount(f.totals.discardedRecords)} records discarded` : '');
      for (const { definition, chart } of charts) {
        chart.update(definition.lines.map(([key, label]) => ({ key, label, values: f.series[key], maximum: definition.maximum })),
          f.firstMinuteMillis, f.minuteMillis);
      }
    },
  };
}
