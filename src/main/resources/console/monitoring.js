// The Monitoring tab: per-minute graphs of the stream's metrics, as the cloud console shows
// them, with a time range selector; polled from /console/api/metrics while the tab is open.
import { consoleApi } from './kinesis.js';
import { errorBox, formatBytes, formatCount, formatMillis, formatTime, h, repeat } from './dom.js';
import { MinuteChart } from './chart.js';

const RANGES = [
  { id: '15m', label: '15 minutes', minutes: 15, refreshMillis: 5000 },
  { id: '1h', label: '1 hour', minutes: 60, refreshMillis: 5000 },
  { id: '24h', label: '24 hours', minutes: 1440, refreshMillis: 30000 },
];

const CHARTS = [
  { id: 'putRecordSuccess', title: 'Put record (success count)', subtitle: 'Sum · Count', lines: [['putRecordSuccess', 'PutRecord']] },
  { id: 'putRecordsSuccess', title: 'Put records (success count)', subtitle: 'Sum · Count', lines: [['putRecordsSuccess', 'PutRecords']] },
  { id: 'putRecordsRecords', title: 'Put records (records)', subtitle: 'Sum · Count', lines: [['putRecordsSuccessfulRecords', 'Successful'], ['putRecordsFailedRecords', 'Failed']] },
  { id: 'incomingRecords', title: 'Incoming data (count)', subtitle: 'Sum · Records', lines: [['incomingRecords', 'Records']] },
  { id: 'incomingBytes', title: 'Incoming data (bytes)', subtitle: 'Sum · Bytes', lines: [['incomingBytes', 'Bytes']], format: formatBytes },
  { id: 'getRecordsSuccess', title: 'Get records (success count)', subtitle: 'Sum · Count', lines: [['getRecordsSuccess', 'GetRecords']] },
  { id: 'getRecordsRecords', title: 'Get records (count)', subtitle: 'Sum · Records', lines: [['getRecordsRecords', 'Records']] },
  { id: 'iteratorAge', title: 'Get records iterator age (MillisBehindLatest)', subtitle: 'Maximum · Milliseconds', lines: [['iteratorAgeMillisMax', 'Iterator age']], format: formatMillis, maximum: true },
  { id: 'throttled', title: 'Throttled requests (count)', subtitle: 'Sum · Count', lines: [['writeThrottled', 'Write'], ['readThrottled', 'Read']] },
];

export function monitoringTab(root, streamName) {
  let range = RANGES.find((r) => r.id === localStorage.getItem('console.range')) || RANGES[1];
  const status = h('span', { class: 'hint', id: 'monitoring-status' }, 'Loading…');
  const problems = h('div');
  const buttons = RANGES.map((r) => h('button', {
    type: 'button', dataset: { range: r.id }, 'aria-pressed': String(r === range),
    onClick: () => select(r),
  }, r.label));
  const charts = CHARTS.map((c) => ({ definition: c, chart: new MinuteChart({ ...c, format: c.format || formatCount }) }));

  root.append(
    h('div', { class: 'panel' },
      h('div', { class: 'panel-head' },
        h('h2', {}, 'Stream metrics'),
        h('span', { class: 'segmented' }, buttons),
        h('span', { class: 'grow' }),
        status),
      problems,
      h('div', { class: 'charts' }, charts.map((c) => c.chart.element))));

  async function load() {
    try {
      const data = await consoleApi(`metrics?stream=${encodeURIComponent(streamName)}&minutes=${range.minutes}`);
      for (const { definition, chart } of charts) {
        chart.update(definition.lines.map(([key, label]) => ({ key, label, values: data.series[key], maximum: definition.maximum })),
          data.firstMinuteMillis, data.minuteMillis);
      }
      problems.replaceChildren();
      status.textContent = `Per minute, the current minute still filling · updated ${formatTime(Date.now())}, `
        + `every ${range.refreshMillis / 1000} s`;
    } catch (e) {
      problems.replaceChildren(errorBox(e));
    }
  }

  let poller = repeat(range.refreshMillis, load);
  function select(next) {
    range = next;
    localStorage.setItem('console.range', next.id);
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === next.id)));
    poller.stop();
    poller = repeat(range.refreshMillis, load);
  }
  return () => poller.stop();
}
