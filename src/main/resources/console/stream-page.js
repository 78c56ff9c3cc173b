// One stream: its summary and the tabs Monitoring, Shards, Data viewer, Unicorn map and Summaries (module 3).
import { call } from './kinesis.js';
import { errorBox, formatCount, formatDateTime, h, repeat } from './dom.js';
import { monitoringTab } from './monitoring.js';
import { shardsTab } from './shards.js';
import { dataViewerTab } from './data-viewer.js';
import { unicornMapTab } from './unicorn-map.js';
import { summariesTab } from './summaries.js';

const TABS = [
  { id: 'monitoring', label: 'Monitoring', render: monitoringTab },
  { id: 'shards', label: 'Shards', render: shardsTab },
  { id: 'data', label: 'Data viewer', render: dataViewerTab },
  { id: 'map', label: 'Unicorn map', render: unicornMapTab },
  { id: 'summaries', label: 'Summaries', render: summariesTab },
];
const SUMMARY_REFRESH_MILLIS = 5000;

export function streamView(root, streamName, tabId, argument) {
  const tab = TABS.find((t) => t.id === tabId) || TABS[0];
  const base = `#/streams/${encodeURIComponent(streamName)}`;
  const status = h('span', { class: 'badge', id: 'stream-status' });
  const summary = h('div', { class: 'summary' });
  const problems = h('div');
  const content = h('div', { class: 'tab-content', id: `tab-${tab.id}` });

  root.append(
    h('div', { class: 'breadcrumbs' }, h('a', { href: '#/' }, 'Data streams'), ' › ', streamName),
    problems,
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' }, h('h1', {}, streamName), status),
      summary),
    h('nav', { class: 'tabs' }, TABS.map((t) =>
      h('a', { href: `${base}/${t.id}`, class: t === tab ? 'active' : null, dataset: { tab: t.id } }, t.label))),
    content);

  const poller = repeat(SUMMARY_REFRESH_MILLIS, async () => {
    try {
      const d = (await call('DescribeStreamSummary', { StreamName: streamName })).StreamDescriptionSummary;
      status.className = `badge ${d.StreamStatus}`;
      status.textContent = d.StreamStatus;
      summary.replaceChildren(
        item('Capacity mode', d.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'),
        item('Open shards', formatCount(d.OpenShardCount)),
        item('Data retention', `${d.RetentionPeriodHours} hours`),
        item('Consumers', formatCount(d.ConsumerCount ?? 0)),
        item('Created', formatDateTime(d.StreamCreationTimestamp * 1000).slice(0, 19)),
        item('ARN', h('span', { class: 'mono' }, d.StreamARN)));
      problems.replaceChildren();
    } catch (e) {
      problems.replaceChildren(errorBox(e));
    }
  });
  const disposeTab = tab.render(content, streamName, argument);
  return () => {
    poller.stop();
    disposeTab();
  };
}

function item(label, value) {
  return h('div', {}, h('span', {}, label), h('b', {}, value));
}
