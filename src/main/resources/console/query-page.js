// The Query page: SQL over the data lake the archive delivers to (the lab's module 5), as the
// cloud's query editor does it: write or pick a query, run it, page through the result; a chart
// when the result is a time series or totals per unicorn, a map when it has positions. Queries
// run on the server (GET /console/api/query starts one, then its state and rows are polled), in
// a sandbox that reads the lake only. Above the editor: the archives delivering to the lake.
import { consoleApi } from './kinesis.js';
import { errorBox, formatBytes, formatCount, formatMillis, h, repeat } from './dom.js';
import { resultChart } from './result-chart.js';
import { tripMap } from './trip-map.js';

const PAGE_ROWS = 100;
const FETCH_ROWS = 1000;
const LAKE_REFRESH_MILLIS = 3000;

const pad = (n) => String(n).padStart(2, '0');
function labTime(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:00`;
}
function utcHour(date) {
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${pad(date.getUTCHours())}`;
}

/** The lab's queries (module 5 and its extra credit), and two that show what the lake adds. */
function examples() {
  const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
  return [
    { id: 'all', label: 'All readings', sql: 'SELECT * FROM wildrydes' },
    { id: 'trip', label: "Shadowfax's trip", sql: "SELECT StatusTime, Latitude, Longitude\nFROM wildrydes\nWHERE Name = 'Shadowfax'\nORDER BY StatusTime" },
    { id: 'after', label: 'Readings after a time', sql: `SELECT *\nFROM wildrydes\nWHERE StatusTime > TIMESTAMP '${labTime(tenMinutesAgo)}'\nORDER BY StatusTime` },
    { id: 'distance', label: 'Distance per unicorn', sql: 'SELECT Name, SUM(Distance) AS TotalDistance\nFROM wildrydes\nGROUP BY Name\nORDER BY Name' },
    { id: 'vitals', label: 'Vitals below 100', sql: 'SELECT Name, StatusTime, HealthPoints, MagicPoints\nFROM wildrydes\nWHERE HealthPoints < 100 OR MagicPoints < 100\nORDER BY StatusTime' },
    { id: 'per-minute', label: 'Distance per minute', sql: 'SELECT time_bucket(INTERVAL 1 MINUTE, StatusTime) AS Minute, Name, SUM(Distance) AS Distance\nFROM wildrydes\nGROUP BY ALL\nORDER BY Minute' },
    { id: 'this-hour', label: 'This hour only (pruned)', sql: `SELECT Name, COUNT(*) AS Readings, MAX(StatusTime) AS Latest\nFROM wildrydes\nWHERE datehour >= '${utcHour(new Date())}'\nGROUP BY Name` },
  ];
}

export function queryView(root) {
  const editor = h('textarea', { id: 'query-editor', class: 'mono', rows: 6, spellcheck: 'false', 'aria-label': 'SQL query' });
  editor.value = examples()[3].sql;
  const run = h('button', { class: 'primary', id: 'run-query', onClick: () => start() }, 'Run');
  const status = h('span', { class: 'hint', id: 'query-status' });
  const results = h('div', { id: 'query-results' });
  const delivery = h('div', { id: 'lake-delivery' }, h('div', { class: 'hint' }, 'Loading…'));
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      start();
    }
  });

  root.append(
    h('div', { class: 'breadcrumbs' }, h('a', { href: '#/' }, 'Kinesis'), ' › ', 'Data lake query'),
    h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Data lake'),
      h('span', { class: 'hint' }, 'Delivered by ./wildrydes archive into the lake beside the server\'s data directory')), delivery),
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' }, h('h2', {}, 'Query editor'), h('span', { class: 'grow' }),
        h('span', { class: 'hint' }, 'Ctrl+Enter runs the query · filter on datehour (YYYY/MM/DD/HH, UTC) to read fewer objects')),
      h('div', { class: 'examples' }, examples().map((example) => h('button', {
        class: 'small', dataset: { example: example.id }, onClick: () => { editor.value = example.sql; start(); },
      }, example.label))),
      editor,
      h('div', { class: 'pager' }, run, status)),
    results);

  let generation = 0;
  async function start() {
    const sql = editor.value.trim();
    if (!sql) return;
    const mine = ++generation;
    run.disabled = true;
    status.textContent = 'Running…';
    results.replaceChildren();
    try {
      let job = await consoleApi(`query?sql=${encodeURIComponent(sql)}`);
      while (job.state === 'QUEUED' || job.state === 'RUNNING') {
        await new Promise((resolve) => setTimeout(resolve, 150));
        if (mine !== generation) return;
        job = await consoleApi(`query?id=${encodeURIComponent(job.id)}&limit=0`);
      }
      if (mine !== generation) return;
      if (job.state === 'FAILED') {
        status.textContent = `Failed after ${formatMillis(job.elapsedMillis || 0)}`;
        results.replaceChildren(h('div', { id: 'query-error' }, errorBox({ type: 'Query failed', message: job.error })));
        return;
      }
      const rows = [];
      while (rows.length < job.totalRows) {
        const page = await consoleApi(`query?id=${encodeURIComponent(job.id)}&offset=${rows.length}&limit=${FETCH_ROWS}`);
        rows.push(...page.rows);
        if (page.rows.length === 0) break;
      }
      if (mine !== generation) return;
      status.textContent = `${formatCount(job.totalRows)} row${job.totalRows === 1 ? '' : 's'} in ${formatMillis(job.elapsedMillis)}`
        + (job.truncated ? ` (the first ${formatCount(job.rowLimit)} only: use ./wildrydes query for all)` : '');
      showResult(job.columns, rows);
    } catch (e) {
      status.textContent = '';
      results.replaceChildren(errorBox(e));
    } finally {
      if (mine === generation) run.disabled = false;
    }
  }

  function showResult(columns, rows) {
    const chart = resultChart(columns, rows);
    const map = tripMap(columns, rows);
    const table = pagedTable(columns, rows);
    results.replaceChildren(
      ...(chart || map ? [h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, map ? 'Trip' : 'Chart')),
        map || chart, map && chart ? chart : null)] : []),
      h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Result')), table));
  }

  const lakePoller = repeat(LAKE_REFRESH_MILLIS, async () => {
    try {
      delivery.replaceChildren(lakeSummary(await consoleApi('lake')));
    } catch (e) {
      delivery.replaceChildren(errorBox(e));
    }
  });
  return () => { generation++; lakePoller.stop(); };
}

function pagedTable(columns, rows) {
  const numeric = columns.map((c) => /INT|DOUBLE|FLOAT|DECIMAL|REAL/i.test(c.type));
  const body = h('tbody');
  const info = h('span', { class: 'hint', id: 'result-page' });
  const previous = h('button', { class: 'small', id: 'result-previous', onClick: () => show(page - 1) }, '‹ Previous');
  const next = h('button', { class: 'small', id: 'result-next', onClick: () => show(page + 1) }, 'Next ›');
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
  let page = 0;
  function show(n) {
    page = Math.min(pages - 1, Math.max(0, n));
    const slice = rows.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
    body.replaceChildren(...(slice.length === 0
      ? [h('tr', {}, h('td', { class: 'empty', colspan: Math.max(1, columns.length) }, 'No rows.'))]
      : slice.map((row) => h('tr', {}, row.map((value, i) => h('td', { class: numeric[i] ? 'num' : 'nowrap' },
        value === null ? h('i', { class: 'hint' }, 'NULL') : typeof value === 'object' ? JSON.stringify(value) : String(value)))))));
    info.textContent = rows.length === 0 ? '' : `Rows ${formatCount(page * PAGE_ROWS + 1)}–${formatCount(page * PAGE_ROWS + slice.length)} `
      + `of ${formatCount(rows.length)} · page ${page + 1} of ${pages}`;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  show(0);
  return h('div', {}, h('div', { class: 'table-scroll' }, h('table', { id: 'result-table' },
    h('thead', {}, h('tr', {}, columns.map((c, i) => h('th', { class: numeric[i] ? 'num' : null, title: c.type }, c.name)))), body)),
  h('div', { class: 'pager' }, previous, next, info));
}

function lakeSummary(lake) {
  if (!lake.lake) return h('div', { class: 'alert info' }, lake.message);
  const archives = lake.archives.length === 0
    ? h('div', { class: 'hint' }, `No archive has delivered to ${lake.lake} yet: run ./wildrydes archive (or ./archive) to deliver the stream.`)
    : h('table', { id: 'archives-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Delivery stream'), h('th', {}, 'Source'), h('th', {}, 'Status'),
        h('th', { class: 'num' }, 'Records delivered'), h('th', { class: 'num' }, 'Bytes delivered'), h('th', { class: 'num' }, 'Objects'),
        h('th', { class: 'num' }, 'Buffered'), h('th', { class: 'num' }, 'Oldest undelivered'), h('th', {}, 'Format'))),
      h('tbody', {}, lake.archives.map((a) => h('tr', { dataset: { archive: a.deliveryStream } },
        h('td', {}, a.deliveryStream), h('td', {}, a.stream),
        h('td', {}, h('span', { class: `badge ${a.alive ? 'ACTIVE' : 'Closed'}` }, a.alive ? 'Delivering' : 'Stopped')),
        h('td', { class: 'num delivered-records' }, formatCount(a.delivered.records)),
        h('td', { class: 'num' }, formatBytes(a.delivered.bytes)),
        h('td', { class: 'num' }, formatCount(a.delivered.objects)),
        h('td', { class: 'num' }, a.alive ? formatCount(a.buffered.records) : '–'),
        h('td', { class: 'num' }, a.oldestUndeliveredAgeMillis ? formatMillis(a.oldestUndeliveredAgeMillis) : '–'),
        h('td', {}, `${a.format}, ${a.compression}, ${a.bufferIntervalSeconds} s / ${formatBytes(a.bufferSizeBytes)}`)))));
  const tables = h('div', { class: 'hint lake-tables' }, lake.tables.length === 0 ? 'No tables yet.'
    : ['Tables: ', ...lake.tables.flatMap((t, i) => [i ? ' · ' : '', h('b', {}, t.name),
      ` ${formatCount(t.objects)} objects, ${formatBytes(t.bytes)}, ${t.firstHour} to ${t.lastHour}`])]);
  return h('div', {}, archives, tables, h('div', { class: 'hint' }, `Lake: ${lake.lake}`));
}
