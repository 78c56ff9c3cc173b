// The Unicorn map tab: follows every open shard (as the workshop's dashboard did, once a
// second) and draws each unicorn's position and track on a metric grid centred on Midtown.
// No map tiles: everything is drawn in SVG, so it works offline.
import { decodeData, listShards } from './kinesis.js';
import { ShardFollower } from './shard-follower.js';
import { errorBox, formatDecimal, formatTime, h, niceCeil, niceFloor, repeat, s } from './dom.js';

export const MIDTOWN = { latitude: 40.749167, longitude: -73.985184 };
const POLL_MILLIS = 1000;
const SHARD_LIST_MILLIS = 10000;
const FORGET_AFTER_MILLIS = 30000;
const STALE_AFTER_MILLIS = 5000;
const TRACK_POINTS = 900;
const MPH_PER_METRE_PER_SECOND = 2.23694;
// The producer moves unicorns with these metres per degree, so the map uses them too.
const METRES_PER_DEGREE_LATITUDE = 110540;
const METRES_PER_DEGREE_LONGITUDE = 111320 * Math.cos((MIDTOWN.latitude * Math.PI) / 180);
const WIDTH = 800;
const HEIGHT = 560;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const PADDING = 40;
const PALETTE = ['#7b2cbf', '#d6336c', '#0972d3', '#ec7211', '#037f0c', '#0b8a8a', '#b5179e', '#5f6b7a'];

/** Metres east (x) and north (y) of Midtown. */
export function toMetres(latitude, longitude) {
  return {
    x: (longitude - MIDTOWN.longitude) * METRES_PER_DEGREE_LONGITUDE,
    y: (latitude - MIDTOWN.latitude) * METRES_PER_DEGREE_LATITUDE,
  };
}

function isReading(json) {
  return json && typeof json === 'object' && typeof json.Name === 'string'
    && Number.isFinite(json.Latitude) && Number.isFinite(json.Longitude);
}

function colorOf(name) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

function formatDistance(metres) {
  const m = Math.abs(metres);
  return m >= 1000 ? `${formatDecimal(m / 1000)} km` : `${Math.round(m)} m`;
}

export function unicornMapTab(root, streamName) {
  const unicorns = new Map(); // name -> {name, color, reading, lastSeen, track: [{x, y}]}
  const followers = new Map(); // shardId -> ShardFollower
  const drawn = new Map(); // name -> SVG elements of that unicorn
  let skipped = 0;
  let listedAt = 0;
  let firstListing = true;
  let hovered = null;

  const gridLayer = s('g', { class: 'grid' });
  const trackLayer = s('g', { class: 'tracks' });
  const unicornLayer = s('g', { class: 'unicorns' });
  const overlay = s('g', { class: 'overlay' });
  const svg = s('svg', { class: 'map', id: 'unicorn-map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': 'Map of the unicorns' },
    s('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#f7fbf7' }), gridLayer, trackLayer, unicornLayer, overlay);
  const tooltip = h('div', { class: 'tooltip', id: 'unicorn-tooltip', hidden: true });
  const list = h('div', { class: 'unicorn-list', id: 'unicorn-list' });
  const status = h('div', { class: 'hint', id: 'map-status' }, 'Connecting…');
  const problems = h('div');

  root.append(h('div', { class: 'panel' },
    h('div', { class: 'panel-head' }, h('h2', {}, 'Unicorn map'),
      h('span', { class: 'hint' }, `Live positions from the stream, centred on Midtown (${MIDTOWN.latitude}, ${MIDTOWN.longitude}); `
        + 'a unicorn leaves the map 30 s after its last reading.')),
    problems,
    h('div', { class: 'map-layout' },
      h('div', { class: 'map-box' }, svg, tooltip),
      h('div', {}, status, h('div', { class: 'unicorn-list-wrap' }, list)))));

  function onRecord(record) {
    const reading = decodeData(record.Data).json;
    if (!isReading(reading)) {
      skipped++;
      return;
    }
    const arrival = Math.min(Date.now(), (record.ApproximateArrivalTimestamp || Date.now() / 1000) * 1000);
    let unicorn = unicorns.get(reading.Name);
    if (!unicorn) {
      unicorn = { name: reading.Name, color: colorOf(reading.Name), track: [], lastSeen: 0 };
      unicorns.set(reading.Name, unicorn);
    }
    unicorn.reading = reading;
    unicorn.lastSeen = Math.max(unicorn.lastSeen, arrival);
    unicorn.track.push(toMetres(reading.Latitude, reading.Longitude));
    if (unicorn.track.length > TRACK_POINTS) unicorn.track.shift();
  }

  async function refreshShards() {
    const shards = await listShards(streamName);
    for (const shard of shards) {
      const open = !shard.SequenceNumberRange?.EndingSequenceNumber;
      if (open && !followers.has(shard.ShardId)) {
        // At first the last 30 s (what the map would still show); later shards are new children: all of them.
        followers.set(shard.ShardId, new ShardFollower(streamName, shard.ShardId,
          firstListing ? Date.now() - FORGET_AFTER_MILLIS : null, FORGET_AFTER_MILLIS));
      }
    }
    firstListing = false;
    listedAt = Date.now();
  }

  async function pollRound() {
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
    const now = Date.now();
    for (const [name, unicorn] of unicorns) {
      if (now - unicorn.lastSeen > FORGET_AFTER_MILLIS) unicorns.delete(name);
    }
    problems.replaceChildren(...failures.slice(0, 1).map(errorBox));
    draw(now);
  }

  function draw(now) {
    const all = [...unicorns.values()];
    // Metres per pixel: a round number, large enough that every track fits, at least 1 km each way.
    let need = 1000 / (Math.min(CX, CY) - PADDING);
    for (const u of all) {
      for (const p of u.track) {
        need = Math.max(need, Math.abs(p.x) / (CX - PADDING), Math.abs(p.y) / (CY - PADDING));
      }
    }
    const metresPerPixel = niceCeil(need);
    const px = (p) => ({ x: CX + p.x / metresPerPixel, y: CY - p.y / metresPerPixel });
    drawGrid(metresPerPixel);
    drawUnicorns(all, px, now);
    drawList(all, now);
    const shardCount = followers.size;
    status.textContent = `Following ${shardCount} shard${shardCount === 1 ? '' : 's'} once a second · `
      + `${all.length} unicorn${all.length === 1 ? '' : 's'} · updated ${formatTime(now)}`
      + (skipped ? ` · ${skipped} record${skipped === 1 ? '' : 's'} that are not unicorn readings skipped` : '');
  }

  function drawGrid(metresPerPixel) {
    const step = niceCeil(metresPerPixel * 80);
    const stepPx = step / metresPerPixel;
    const lines = [];
    for (let k = -Math.floor(CX / stepPx); k <= Math.floor(CX / stepPx); k++) {
      const x = CX + k * stepPx;
      lines.push(s('line', { class: k === 0 ? 'axis-line' : 'grid-line', x1: x, x2: x, y1: 0, y2: HEIGHT }));
      if (k !== 0) lines.push(s('text', { class: 'grid-label', x: x + 3, y: 14 }, `${formatDistance(k * step)} ${k > 0 ? 'E' : 'W'}`));
    }
    for (let k = -Math.floor(CY / stepPx); k <= Math.floor(CY / stepPx); k++) {
      const y = CY - k * stepPx;
      lines.push(s('line', { class: k === 0 ? 'axis-line' : 'grid-line', x1: 0, x2: WIDTH, y1: y, y2: y }));
      if (k !== 0) lines.push(s('text', { class: 'grid-label', x: 4, y: y - 4 }, `${formatDistance(k * step)} ${k > 0 ? 'N' : 'S'}`));
    }
    const barMetres = niceFloor(metresPerPixel * 150);
    const barPx = barMetres / metresPerPixel;
    const barY = HEIGHT - 24;
    gridLayer.replaceChildren(...lines,
      s('g', { class: 'centre-marker' },
        s('circle', { class: 'centre', cx: CX, cy: CY, r: 6 }),
        s('line', { class: 'centre', x1: CX - 11, x2: CX + 11, y1: CY, y2: CY }),
        s('line', { class: 'centre', x1: CX, x2: CX, y1: CY - 11, y2: CY + 11 }),
        s('text', { class: 'centre-label', x: CX - 9, y: CY + 20, 'text-anchor': 'end' }, 'Midtown')),
      s('g', { id: 'scale-bar', dataset: { metres: barMetres } },
        s('rect', { x: 12, y: barY - 20, width: barPx + 24, height: 32, rx: 4, fill: '#ffffff', opacity: 0.85 }),
        s('line', { class: 'scale-bar', x1: 24, x2: 24 + barPx, y1: barY, y2: barY }),
        s('line', { class: 'scale-bar', x1: 24, x2: 24, y1: barY - 6, y2: barY + 4 }),
        s('line', { class: 'scale-bar', x1: 24 + barPx, x2: 24 + barPx, y1: barY - 6, y2: barY + 4 }),
        s('text', { class: 'scale-label', x: 24 + barPx / 2, y: barY - 7, 'text-anchor': 'middle' }, formatDistance(barMetres))),
      s('text', { class: 'scale-label', x: WIDTH - 22, y: 42, 'text-anchor': 'middle' }, 'N'),
      s('path', { d: `M${WIDTH - 22} 12 l7 16 l-7 -5 l-7 5 z`, fill: '#232f3e' }));
  }

  function drawUnicorns(all, px, now) {
    for (const [name, elements] of drawn) {
      if (!unicorns.has(name)) {
        elements.track.remove();
        elements.group.remove();
        drawn.delete(name);
        if (hovered === name) hideTooltip();
      }
    }
    for (const u of all) {
      let elements = drawn.get(u.name);
      if (!elements) {
        elements = {
          track: s('polyline', { class: 'track', stroke: u.color }),
          dot: s('circle', { r: 8, fill: u.color }),
          label: s('text', { fill: u.color }, u.name),
        };
        elements.group = s('g', { class: 'unicorn', dataset: { unicorn: u.name } }, elements.dot, elements.label);
        elements.group.addEventListener('mouseenter', () => { hovered = u.name; showTooltip(); });
        elements.group.addEventListener('mouseleave', () => hideTooltip());
        trackLayer.append(elements.track);
        unicornLayer.append(elements.group);
        drawn.set(u.name, elements);
      }
      const points = u.track.map(px);
      const head = points[points.length - 1];
      elements.track.setAttribute('points', points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '));
      elements.dot.setAttribute('cx', head.x);
      elements.dot.setAttribute('cy', head.y);
      elements.label.setAttribute('x', head.x + 12);
      elements.label.setAttribute('y', head.y + 4);
      elements.group.setAttribute('opacity', now - u.lastSeen > STALE_AFTER_MILLIS ? 0.5 : 1);
    }
    overlay.replaceChildren(...(all.length === 0 ? [
      s('text', { class: 'message', x: CX, y: CY - 40, 'text-anchor': 'middle' }, 'No unicorn readings in the last 30 seconds.'),
      s('text', { class: 'message', x: CX, y: CY - 18, 'text-anchor': 'middle' }, `Start one: ./producer -stream ${streamName}`),
    ] : []));
    if (hovered) showTooltip();
  }

  function describe(u) {
    const r = u.reading;
    return [
      ['Speed', `${formatDecimal(r.Distance * MPH_PER_METRE_PER_SECOND)} mph`],
      ['Health', String(r.HealthPoints)],
      ['Magic', String(r.MagicPoints)],
      ['Position', `${r.Latitude.toFixed(5)}, ${r.Longitude.toFixed(5)}`],
      ['Reading', r.StatusTime || ''],
    ];
  }

  function showTooltip() {
    const u = unicorns.get(hovered);
    const elements = drawn.get(hovered);
    if (!u || !elements) return;
    tooltip.replaceChildren(h('b', {}, u.name), ...describe(u).map(([k, v]) => h('div', {}, `${k}: ${v}`)));
    tooltip.hidden = false;
    const box = tooltip.parentElement.getBoundingClientRect();
    const dot = elements.dot.getBoundingClientRect();
    tooltip.style.left = `${Math.min(dot.right - box.left + 8, box.width - 200)}px`;
    tooltip.style.top = `${Math.max(4, dot.top - box.top - 10)}px`;
  }

  function hideTooltip() {
    hovered = null;
    tooltip.hidden = true;
  }

  function drawList(all, now) {
    list.replaceChildren(...(all.length === 0
      ? [h('div', { class: 'empty' }, 'No unicorns on the map.')]
      : all.sort((a, b) => a.name.localeCompare(b.name)).map((u) => h('div', {
        class: `unicorn-card${now - u.lastSeen > STALE_AFTER_MILLIS ? ' stale' : ''}`, dataset: { unicorn: u.name },
      },
      h('h3', {}, h('span', { class: 'dot', style: `background:${u.color}` }), u.name),
      h('dl', {}, describe(u).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
        h('dt', {}, 'Last seen'), h('dd', {}, `${Math.max(0, Math.round((now - u.lastSeen) / 1000))} s ago`))))));
  }

  const poller = repeat(POLL_MILLIS, pollRound);
  return () => poller.stop();
}
