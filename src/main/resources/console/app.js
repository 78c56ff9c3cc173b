// The console's entry point: a hash router over the views.
//   #/                          streams list
//   #/streams/NAME/TAB[/SHARD]  one stream: monitoring, shards, data (viewer) or map
//   #/query                     SQL over the data lake
import { streamsView } from './streams.js';
import { streamView } from './stream-page.js';
import { queryView } from './query-page.js';

const view = document.getElementById('view');
let disposeView = null;

function route() {
  if (disposeView) {
    disposeView();
    disposeView = null;
  }
  view.replaceChildren();
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'query') {
    disposeView = queryView(view);
  } else if (parts[0] === 'streams' && parts[1]) {
    disposeView = streamView(view, parts[1], parts[2] || 'monitoring', parts[3]);
  } else {
    disposeView = streamsView(view);
  }
  window.scrollTo(0, 0);
}

document.getElementById('endpoint').textContent = location.origin;
window.addEventListener('hashchange', route);
route();
