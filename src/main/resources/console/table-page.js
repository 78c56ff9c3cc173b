// One table: its keys, indexes and size, and an item browser (scan, or query by key) a page at a time.
import { callTables, keyValue, showValue } from './dynamodb.js';
import { keyText } from './tables.js';
import { errorBox, formatBytes, formatCount, formatDateTime, h, repeat } from './dom.js';

const SUMMARY_REFRESH_MILLIS = 5000;
const OPERATORS = ['none', '=', '<', '<=', '>', '>=', 'begins_with', 'between'];

export function tableView(root, tableName) {
  const status = h('span', { class: 'badge', id: 'table-status' });
  const summary = h('div', { class: 'summary' });
  const problems = h('div');
  const browser = h('section', { class: 'panel', id: 'item-browser' });
  let described = null;
  root.append(
    h('div', { class: 'breadcrumbs' }, h('a', { href: '#/tables' }, 'Tables'), ' › ', tableName),
    problems,
    h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h1', {}, tableName), status), summary),
    browser);

  let items = null;
  const poller = repeat(SUMMARY_REFRESH_MILLIS, async () => {
    try {
      const t = (await callTables('DescribeTable', { TableName: tableName })).Table;
      status.className = `badge ${t.TableStatus}`;
      status.textContent = t.TableStatus;
      const indexes = [...(t.GlobalSecondaryIndexes || []), ...(t.LocalSecondaryIndexes || [])];
      summary.replaceChildren(
        entry('Partition key', keyText(t, 'HASH')),
        entry('Sort key', keyText(t, 'RANGE')),
        entry('Items', h('span', { id: 'table-item-count' }, formatCount(t.ItemCount))),
        entry('Size', formatBytes(t.TableSizeBytes)),
        entry('Capacity mode', t.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' ? 'On-demand' : 'Provisioned'),
        entry('Indexes', indexes.length ? indexes.map((i) => `${i.IndexName} (${i.IndexStatus || 'ACTIVE'})`).join(', ') : 'none'),
        entry('Created', formatDateTime(t.CreationDateTime * 1000).slice(0, 19)),
        entry('ARN', h('span', { class: 'mono' }, t.TableArn)));
      if (!described) {
        described = t;
        items = itemBrowser(browser, t);
      }
      problems.replaceChildren();
    } catch (e) {
      problems.replaceChildren(errorBox(e));
    }
  });
  return () => {
    poller.stop();
    if (items) items.stop();
  };
}

function entry(label, value) {
  return h('div', {}, h('span', {}, label), h('b', {}, value));
}

/** The key schema (names and types) of the table or one of its indexes. */
function keysOf(table, indexName) {
  const index = [...(table.GlobalSecondaryIndexes || []), ...(table.LocalSecondaryIndexes || [])].find((i) => i.IndexName === indexName);
  const schema = index ? index.KeySchema : table.KeySchema;
  const type = (name) => (table.AttributeDefinitions.find((a) => a.AttributeName === name) || {}).AttributeType || 'S';
  const hash = schema.find((k) => k.KeyType === 'HASH').AttributeName;
  const range = (schema.find((k) => k.KeyType === 'RANGE') || {}).AttributeName;
  return { hash, hashType: type(hash), range, rangeType: range ? type(range) : null };
}

function itemBrowser(root, table) {
  const mode = h('select', { id: 'browse-mode' }, h('option', { value: 'scan' }, 'Scan'), h('option', { value: 'query' }, 'Query'));
  const source = h('select', { id: 'browse-index' }, h('option', { value: '' }, 'Table'),
    [...(table.GlobalSecondaryIndexes || []), ...(table.LocalSecondaryIndexes || [])].map((i) => h('option', { value: i.IndexName }, i.IndexName)));
  const partition = h('input', { type: 'text', id: 'partition-value', autocomplete: 'off' });
  const operator = h('select', { id: 'sort-operator' }, OPERATORS.map((o) => h('option', { value: o }, o === 'none' ? 'any sort key' : o)));
  const sortValue = h('input', { type: 'text', id: 'sort-value', autocomplete: 'off' });
  const sortValue2 = h('input', { type: 'text', id: 'sort-value-2', autocomplete: 'off', placeholder: 'and' });
  const newestFirst = h('input', { type: 'checkbox', id: 'newest-first' });
  const pageSize = h('input', { type: 'number', id: 'page-size', value: '25', min: '1', max: '1000' });
  const autoRefresh = h('input', { type: 'checkbox', id: 'auto-refresh' });
  const run = h('button', { class: 'primary', id: 'run-browse' }, 'Run');
  const next = h('button', { id: 'next-page', disabled: true }, 'Next page');
  const info = h('div', { class: 'hint', id: 'browse-info' });
  const errors = h('div');
  const results = h('div', { id: 'browse-results' });
  let lastKey = null;

  const labelled = (text, control) => h('label', {}, text, control);
  root.append(
    h('div', { class: 'panel-head' }, h('h2', {}, 'Items')),
    h('div', { class: 'browser-controls' },
      labelled('Operation', mode), labelled('On', source),
      labelled('Partition key value', partition), labelled('Sort key', operator), labelled('Value', sortValue), labelled('', sortValue2),
      labelled('Newest first', newestFirst), labelled('Page size', pageSize), labelled('Refresh every 5 s', autoRefresh), run, next),
    info, errors, results);

  const sync = () => {
    const query = mode.value === 'query';
    for (const c of [partition, operator, sortValue, sortValue2, newestFirst]) c.disabled = !query;
    sortValue2.hidden = operator.value !== 'between';
    const keys = keysOf(table, source.value);
    partition.placeholder = `${keys.hash} (${keys.hashType})`;
    sortValue.placeholder = keys.range ? `${keys.range} (${keys.rangeType})` : 'no sort key';
    operator.disabled = !query || !keys.range;
  };
  [mode, source, operator].forEach((c) => c.addEventListener('change', sync));
  sync();

  async function load(from) {
    errors.replaceChildren();
    const keys = keysOf(table, source.value);
    const input = { TableName: table.TableName, Limit: Number(pageSize.value) || 25 };
    if (source.value) input.IndexName = source.value;
    if (from) input.ExclusiveStartKey = from;
    let operation = 'Scan';
    if (mode.value === 'query') {
      operation = 'Query';
      input.ExpressionAttributeNames = { '#pk': keys.hash };
      input.ExpressionAttributeValues = { ':pk': keyValue(keys.hashType, partition.value) };
      let condition = '#pk = :pk';
      if (keys.range && operator.value !== 'none') {
        input.ExpressionAttributeNames['#sk'] = keys.range;
        input.ExpressionAttributeValues[':sk'] = keyValue(keys.rangeType, sortValue.value);
        if (operator.value === 'begins_with') condition += ' AND begins_with(#sk, :sk)';
        else if (operator.value === 'between') {
          input.ExpressionAttributeValues[':sk2'] = keyValue(keys.rangeType, sortValue2.value);
          condition += ' AND #sk BETWEEN :sk AND :sk2';
        } else condition += ` AND #sk ${operator.value} :sk`;
      }
      input.KeyConditionExpression = condition;
      input.ScanIndexForward = !newestFirst.checked;
    }
    try {
      const page = await callTables(operation, input);
      lastKey = page.LastEvaluatedKey || null;
      next.disabled = !lastKey;
      info.textContent = `${formatCount(page.Count)} items on this page (${formatCount(page.ScannedCount)} read)`
        + (lastKey ? '; more on the next page.' : '.');
      results.replaceChildren(itemsTable(table, page.Items || []));
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  }
  run.addEventListener('click', () => load(null));
  next.addEventListener('click', () => load(lastKey));
  const refresher = repeat(5000, async () => {
    if (autoRefresh.checked) await load(null);
  });
  load(null);
  return { stop: () => refresher.stop() };
}

function itemsTable(table, items) {
  const keyNames = table.KeySchema.map((k) => k.AttributeName);
  const columns = [...keyNames];
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!columns.includes(name)) columns.push(name);
    }
  }
  if (items.length === 0) return h('p', { class: 'empty' }, 'No items.');
  return h('table', { id: 'items-table' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c)))),
    h('tbody', {}, items.map((item) => h('tr', { dataset: { key: keyNames.map((k) => showValue(item[k])).join('|') } },
      columns.map((c) => h('td', { class: 'item-cell', title: item[c] ? showValue(item[c]) : '' }, item[c] ? showValue(item[c]) : ''))))));
}
