// The Summaries tab: what the aggregation (module 3, ./aggregate) writes to a stream such as
// wildrydes-summary, per unicorn: the distance of each window, and the min–max bands of health
// and magic. Follows every shard (the last hour at first, then what arrives) every 2 s.
import { decodeData, listShards } from './kinesis.js';
import { ShardFollower } from './shard-follower.js';
import { errorBox, formatCount, formatTime, h, repeat } from './dom.js';
import { WindowChart } from './window-chart.js';

const POLL_MILLIS = 2000;
const SHARD_LIST_MILLIS = 10000;
const HISTORY_MILLIS = 60 * 60 * 1000;
const MAX_WINDOWS = 120;
const UNICORN_BUTTONS = 60;

/** A summary as the workshop's query writes it. */
export function isSummary(json) {
  return json && typeof json === 'object' && typeof json.Name === 'string' && typeof json.StatusTime === 'string'
    && ['Distance', 'MinMagicPoints', 'MaxMagicPoints', 'MinHealthPoints', 'MaxHealthPoints'].every((k) => Number.isFinite(json[k]));
}

export function summariesTab(root, streamName) {
  const unicorns = new Map(); // name -> Map(StatusTime -> summary), the last summary of a window wins
  const followers = new Map();
  let selected = localStorage.getItem(`console.summaries.${streamName}`);
  let skipped = 0;
  let listedAt = 0;
  let firstListing = true;

  const distance = new WindowChart({ id: 'summary-distance', title: 'Distance per window', subtitle: 'Sum · metres' });
  const health = new WindowChart({ id: 'summary-health', title: 'Health points', subtitle: 'Minimum and maximum per window' });
  const magic = new WindowChart({ id: 'summary-magic', title: 'Magic points', subtitle: 'Minimum and maximum per window', bandColor: 3 });
  const picker = h('div', { class: 'unicorn-picker', id: 'summary-unicorns' });
  const status = h('span', { class: 'hint', id: 'summary-status' }, 'Reading…');
  const empty = h('div', { class: 'empty', id: 'summary-empty' });
  const charts = h('div', { class: 'charts', id: 'summary-charts' }, distance.element, health.element, magic.element);
  const problems = h('div');

  root.append(h('div', { class: 'panel', id: 'summary-view' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Summaries per unicorn'), h('span', { class: 'grow' }), status),
    h('p', { class: 'hint' }, 'What the aggregation (module 3: ', h('code', {}, './aggregate'), ') puts on this stream: one record per '
      + 'unicorn per window, {Name, StatusTime (the window\'s start), Distance, Min/MaxMagicPoints, Min/MaxHealthPoints}.'),
    problems, picker, empty, charts));

  function onRecord(record) {
    const summary = decodeData(record.Data).json;
    if (!isSummary(summary)) {
      skipped++;
      return;
    }
    if (!unicorns.has(summary.Name)) unicorns.set(summary.Name, new Map());
    const windows = unicorns.get(summary.Name);
    windows.set(summary.StatusTime, summary);
    if (windows.size > MAX_WINDOWS) windows.delete([...windows.keys()].sort()[0]);
  }

  async function refreshShards() {
    for (const shard of await listShards(streamName)) {
      if (!followers.has(shard.ShardId)) {
        followers.set(shard.ShardId, new ShardFollower(streamName, shard.ShardId,
          firstListing ? Date.now() - HISTORY_MILLIS : null, HISTORY_MILLIS));
      }
    }
    firstListing = false;
    listedAt = Date.now();
  }

  function draw() {
    const names = [...unicorns.keys()].sort();
    if (!selected || !unicorns.has(selected)) selected = names[0] || null;
    picker.replaceChildren(...names.slice(0, UNICORN_BUTTONS).map((name) => h('button', {
      type: 'button', class: 'small', dataset: { unicorn: name }, 'aria-pressed': String(name === selected),
      onClick: () => { selected = name; localStorage.setItem(`console.summaries.${streamName}`, name); draw(); },
    }, name)), ...(names.length > UNICORN_BUTTONS ? [h('span', { class: 'hint' }, ` and ${names.length - UNICORN_BUTTONS} more`)] : []));
    charts.hidden = !selected;
    empty.hidden = Boolean(selected);
    empty.textContent = `No summaries in ${streamName} in the last hour${skipped ? ` (${skipped} records that are not summaries)` : ''}. `
      + 'Start one: ./aggregate (it writes to wildrydes-summary), with ./producer running.';
    if (!selected) return;
    const rows = [...unicorns.get(selected).values()].sort((a, b) => a.StatusTime.localeCompare(b.StatusTime));
    const windows = rows.map((r) => r.StatusTime);
    distance.update(windows, [{ key: 'distance', label: `${selected} · Distance`, values: rows.map((r) => r.Distance) }]);
    health.update(windows, [], [{ key: 'health', label: 'Health', min: rows.map((r) => r.MinHealthPoints), max: rows.map((r) => r.MaxHealthPoints) }]);
    magic.update(windows, [], [{ key: 'magic', label: 'Magic', min: rows.map((r) => r.MinMagicPoints), max: rows.map((r) => r.MaxMagicPoints) }]);
  }

  const poller = repeat(POLL_MILLIS, async () => {
    const failures = [];
    try {
      if (Date.now() - listedAt >= SHARD_LIST_MILLIS) await refreshShards();
      await Promise.all([...followers.values()].map((f) => f.poll(onRecord).catch((e) => failures.push(e))));
    } catch (e) {
      failures.push(e);
    }
    for (const [id, follower] of followers) {
      if (follower.finished) followers.delete(id);
    }
    problems.replaceChildren(...failures.slice(0, 1).map(errorBox));
    draw();
    const count = [...unicorns.values()].reduce((n, w) => n + w.size, 0);
    status.textContent = `${formatCount(count)} summar${count === 1 ? 'y' : 'ies'} of ${unicorns.size} unicorn${unicorns.size === 1 ? '' : 's'}`
      + ` · updated ${formatTime(Date.now())}, every ${POLL_MILLIS / 1000} s`;
  });
  return () => poller.stop();
}
