// The console's entry point: a hash router over the views.
//   #/                          streams list
//   #/streams/NAME/TAB[/SHARD]  one stream: monitoring, shards, data (viewer) or map
//   #/tables                    tables list
//   #/tables/NAME               one table: its keys and indexes, and the item browser
//   #/query                     SQL over the data lake
//   #/functions                 the functions ./process runs, with their per-minute metrics
import { streamsView } from './streams.js';
import { streamView } from './stream-page.js';
import { tablesView } from './tables.js';
import { tableView } from './table-page.js';
import { queryView } from './query-page.js';
import { functionsView } from './functions.js';

const view = document.getElementById('view');
let disposeView = null;

function route() {
  if (disposeView) {
    disposeView();
    disposeView = null;
  }
  view.replaceChildren();
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const tables = parts[0] === 'tables';
  const query = parts[0] === 'query';
  const functions = parts[0] === 'functions';
  document.getElementById('nav-tables').classList.toggle('active', tables);
  document.getElementById('nav-query').classList.toggle('active', query);
  document.getElementById('nav-functions').classList.toggle('active', functions);
  document.getElementById('nav-streams').classList.toggle('active', !tables && !query && !functions);
  if (query) {
    disposeView = queryView(view);
  } else if (functions) {
    disposeView = functionsView(view);
  } else if (parts[0] === 'streams' && parts[1]) {
    disposeView = streamView(view, parts[1], parts[2] || 'monitoring', parts[3]);
  } else if (tables && parts[1]) {
    disposeView = tableView(view, parts[1]);
  } else if (tables) {
    disposeView = tablesView(view);
  } else {
    disposeView = streamsView(view);
  }
  window.scrollTo(0, 0);
}

document.getElementById('endpoint').textContent = location.origin;
window.addEventListener('hashchange', route);
route();
