// The Data viewer tab: read a shard from a chosen position, a page of records at a time,
// each shown as pretty JSON (or text, or base64) with its metadata.
import { call, decodeData, listShards } from './kinesis.js';
import { errorBox, formatCount, formatDateTime, formatMillis, h, toLocalInputValue } from './dom.js';

const POSITIONS = [
  ['TRIM_HORIZON', 'Trim horizon (oldest record)'],
  ['LATEST', 'Latest (records from now on)'],
  ['AT_TIMESTAMP', 'At timestamp'],
  ['AT_SEQUENCE_NUMBER', 'At sequence number'],
  ['AFTER_SEQUENCE_NUMBER', 'After sequence number'],
];

export function dataViewerTab(root, streamName, preselectedShard) {
  const shard = h('select', { id: 'viewer-shard', name: 'shard' }, h('option', {}, 'Loading…'));
  const position = h('select', { id: 'viewer-position', name: 'position' },
    POSITIONS.map(([value, label]) => h('option', { value }, label)));
  const timestamp = h('input', { type: 'datetime-local', id: 'viewer-timestamp', step: '1', value: toLocalInputValue(Date.now() - 15 * 60_000) });
  const sequence = h('input', { type: 'text', id: 'viewer-sequence', placeholder: '4966…', size: 40 });
  const pageSize = h('select', { id: 'viewer-limit' }, [10, 25, 50, 100].map((n) => h('option', { value: n, selected: n === 10 }, String(n))));
  const timestampField = h('label', {}, 'Timestamp (local time)', timestamp);
  const sequenceField = h('label', {}, 'Sequence number', sequence);
  const problems = h('div');
  const info = h('span', { class: 'hint', id: 'viewer-page-info' });
  const previous = h('button', { type: 'button', id: 'viewer-previous', disabled: true, onClick: () => show(pageIndex - 1) }, '‹ Previous page');
  const next = h('button', { type: 'button', id: 'viewer-next', disabled: true, onClick: () => show(pageIndex + 1) }, 'Next page ›');
  const records = h('div', { class: 'records', id: 'viewer-records' });
  const pager = h('div', { class: 'pager', hidden: true }, previous, next, info);

  const syncFields = () => {
    timestampField.hidden = position.value !== 'AT_TIMESTAMP';
    sequenceField.hidden = !position.value.endsWith('SEQUENCE_NUMBER');
  };
  position.addEventListener('change', syncFields);
  syncFields();

  root.append(h('div', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Data viewer'),
      h('span', { class: 'hint' }, 'Reads with GetShardIterator and GetRecords, as any consumer does.')),
    h('form', { class: 'controls', id: 'viewer-form', onSubmit: (event) => { event.preventDefault(); start(); } },
      h('label', {}, 'Shard', shard),
      h('label', {}, 'Starting position', position),
      timestampField,
      sequenceField,
      h('label', {}, 'Records per page', pageSize),
      h('button', { class: 'primary', type: 'submit', id: 'viewer-get' }, 'Get records')),
    problems,
    pager,
    records));

  // Each page is read from the iterator that led to it, so going back re-reads the same records.
  let pages = [];
  let pageIndex = 0;
  let disposed = false;

  listShards(streamName).then((shards) => {
    if (disposed) return;
    shard.replaceChildren(...shards.map((s) => h('option', {
      value: s.ShardId, selected: s.ShardId === preselectedShard,
    }, `${s.ShardId} (${s.SequenceNumberRange?.EndingSequenceNumber ? 'closed' : 'open'})`)));
  }).catch((e) => problems.replaceChildren(errorBox(e)));

  async function start() {
    const input = { StreamName: streamName, ShardId: shard.value, ShardIteratorType: position.value };
    if (position.value === 'AT_TIMESTAMP') input.Timestamp = new Date(timestamp.value).getTime() / 1000;
    if (position.value.endsWith('SEQUENCE_NUMBER')) input.StartingSequenceNumber = sequence.value.trim();
    try {
      const { ShardIterator } = await call('GetShardIterator', input);
      pages = [{ iterator: ShardIterator }];
      await show(0);
    } catch (e) {
      problems.replaceChildren(errorBox(e));
    }
  }

  async function show(index) {
    const page = pages[index];
    if (!page || !page.iterator) return;
    previous.disabled = true;
    next.disabled = true;
    try {
      const answer = await call('GetRecords', { ShardIterator: page.iterator, Limit: Number(pageSize.value) });
      if (disposed) return;
      pageIndex = index;
      pages.length = index + 1;
      pages.push({ iterator: answer.NextShardIterator || null });
      problems.replaceChildren();
      render(answer, index);
    } catch (e) {
      problems.replaceChildren(errorBox(e), e.type === 'ExpiredIteratorException'
        ? h('div', { class: 'alert info' }, 'Shard iterators last 5 minutes: press Get records to start again.') : null);
    } finally {
      previous.disabled = pageIndex === 0;
      next.disabled = !pages[pageIndex + 1]?.iterator;
    }
  }

  function render(answer, index) {
    const list = answer.Records || [];
    pager.hidden = false;
    const first = index * Number(pageSize.value);
    const closed = !answer.NextShardIterator
      ? ` · the shard is closed and read to its end${answer.ChildShards?.length ? `; its children: ${answer.ChildShards.map((c) => c.ShardId).join(', ')}` : ''}`
      : '';
    info.textContent = `Page ${index + 1} · ${formatCount(list.length)} record${list.length === 1 ? '' : 's'}`
      + ` · MillisBehindLatest ${formatMillis(answer.MillisBehindLatest ?? 0)}${closed}`;
    records.replaceChildren(...(list.length === 0
      ? [h('div', { class: 'empty' }, answer.MillisBehindLatest > 0
        ? 'No records on this page yet: press Next page to read on.'
        : 'No more records: this is the end of the shard for now. Press Next page to look for newer ones.')]
      : list.map((record, i) => recordCard(record, first + i + 1))));
  }

  return () => { disposed = true; };
}

function recordCard(record, number) {
  const data = decodeData(record.Data);
  let body;
  if (data.json !== undefined) {
    body = h('pre', { class: 'json' }, highlightJson(JSON.stringify(data.json, null, 2)));
  } else if (data.text !== undefined) {
    body = h('pre', { class: 'text' }, data.text);
  } else {
    body = h('pre', { class: 'base64' }, `binary data, base64: ${data.base64}`);
  }
  return h('article', { class: 'record', dataset: { sequenceNumber: record.SequenceNumber } },
    h('div', { class: 'meta' },
      h('span', {}, h('b', {}, `#${number}`)),
      h('span', {}, 'Partition key ', h('b', { class: 'partition-key' }, record.PartitionKey)),
      h('span', {}, 'Sequence number ', h('b', { class: 'mono' }, record.SequenceNumber)),
      h('span', {}, 'Arrived ', h('b', {}, formatDateTime(record.ApproximateArrivalTimestamp * 1000))),
      h('span', {}, 'Size ', h('b', {}, `${formatCount(data.size)} bytes`))),
    body);
}

/** Colours keys, strings, numbers and literals of pretty JSON, as text nodes only. */
function highlightJson(pretty) {
  const parts = [];
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
  let last = 0;
  for (const match of pretty.matchAll(token)) {
    parts.push(pretty.slice(last, match.index));
    if (match[1] && match[2]) {
      parts.push(h('span', { class: 'json-key' }, match[1]), match[2]);
    } else if (match[1]) {
      parts.push(h('span', { class: 'json-string' }, match[1]));
    } else if (match[3]) {
      parts.push(h('span', { class: 'json-number' }, match[3]));
    } else {
      parts.push(h('span', { class: 'json-literal' }, match[4]));
    }
    last = match.index + match[0].length;
  }
  parts.push(pretty.slice(last));
  return parts;
}
