// The console's entry point: a hash router over the views.
//   #/                          streams list
//   #/streams/NAME/TAB[/SHARD]  one stream: monitoring, shards, data (viewer) or map
import { streamsView } from './streams.js';
import { streamView } from './stream-page.js';
import { showSignedIn } from './credentials.js';

const view = document.getElementById('view');
let disposeView = null;

function route() {
  if (disposeView) {
    disposeView();
    disposeView = null;
  }
  view.replaceChildren();
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'streams' && parts[1]) {
    disposeView = streamView(view, parts[1], parts[2] || 'monitoring', parts[3]);
  } else {
    disposeView = streamsView(view);
  }
  window.scrollTo(0, 0);
}

document.getElementById('endpoint').textContent = location.origin;
showSignedIn();
window.addEventListener('hashchange', route);
route();
