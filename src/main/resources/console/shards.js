// The Shards tab: every shard with its state, hash key range, sequence number range and parents.
import { listShards } from './kinesis.js';
import { errorBox, h, repeat } from './dom.js';

const REFRESH_MILLIS = 10000;

export function shardsTab(root, streamName) {
  const rows = h('tbody', {}, h('tr', {}, h('td', { class: 'empty', colspan: 8 }, 'Loading…')));
  const problems = h('div');
  const count = h('span', { class: 'count' });
  root.append(h('div', { class: 'panel' },
    h('div', { class: 'panel-head' },
      h('h2', {}, 'Shards ', count),
      h('span', { class: 'grow' }),
      h('button', { onClick: () => poller.refresh() }, 'Refresh')),
    problems,
    h('table', { id: 'shards-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Shard ID'), h('th', {}, 'State'),
        h('th', {}, 'Starting hash key'), h('th', {}, 'Ending hash key'),
        h('th', {}, 'Starting sequence number'), h('th', {}, 'Ending sequence number'),
        h('th', {}, 'Parent shard'), h('th', {}, 'Adjacent parent shard'))),
      rows)));

  const poller = repeat(REFRESH_MILLIS, async () => {
    try {
      const shards = await listShards(streamName);
      const open = shards.filter((shard) => !shard.SequenceNumberRange?.EndingSequenceNumber).length;
      count.textContent = `(${open} open of ${shards.length})`;
      rows.replaceChildren(...shards.map((shard) => row(streamName, shard)));
      problems.replaceChildren();
    } catch (e) {
      problems.replaceChildren(errorBox(e));
    }
  });
  return () => poller.stop();
}

function row(streamName, shard) {
  const ending = shard.SequenceNumberRange?.EndingSequenceNumber;
  const state = ending ? 'Closed' : 'Open';
  const viewer = `#/streams/${encodeURIComponent(streamName)}/data/${encodeURIComponent(shard.ShardId)}`;
  return h('tr', { dataset: { shard: shard.ShardId } },
    h('td', { class: 'nowrap' }, h('a', { href: viewer, title: 'Read this shard in the data viewer' }, shard.ShardId)),
    h('td', {}, h('span', { class: `badge ${state}` }, state)),
    h('td', { class: 'mono wrap' }, shard.HashKeyRange.StartingHashKey),
    h('td', { class: 'mono wrap' }, shard.HashKeyRange.EndingHashKey),
    h('td', { class: 'mono wrap' }, shard.SequenceNumberRange?.StartingSequenceNumber || ''),
    h('td', { class: 'mono wrap' }, ending || '–'),
    h('td', { class: 'nowrap' }, shard.ParentShardId || '–'),
    h('td', { class: 'nowrap' }, shard.AdjacentParentShardId || '–'));
}
