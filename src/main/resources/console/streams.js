// The streams list: status, capacity, activity in the last minute; create and delete.
import { call, consoleApi, listStreams } from './kinesis.js';
import { errorBox, formatBytes, formatCount, formatDateTime, h, repeat } from './dom.js';

const REFRESH_MILLIS = 3000;

export function streamsView(root) {
  const notices = h('div', { id: 'notices' });
  const count = h('span', { class: 'count' });
  const rows = h('tbody', {}, h('tr', {}, h('td', { class: 'empty', colspan: 10 }, 'Loading…')));
  const form = createForm(notices, () => poller.refresh());
  const toggle = h('button', { class: 'primary', id: 'show-create', onClick: () => {
    form.hidden = !form.hidden;
    if (!form.hidden) form.querySelector('input[name=StreamName]').focus();
  } }, 'Create data stream');
  const dialog = deleteDialog(notices, () => poller.refresh());

  root.append(
    h('div', { class: 'breadcrumbs' }, 'Kinesis', ' › ', 'Data streams'),
    notices,
    form,
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' },
        h('h2', {}, 'Data streams ', count),
        h('span', { class: 'grow' }),
        h('button', { onClick: () => poller.refresh() }, 'Refresh'),
        toggle),
      h('table', { id: 'streams-table' },
        h('thead', {}, h('tr', {},
          h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Capacity mode'),
          h('th', { class: 'num' }, 'Open shards'), h('th', { class: 'num' }, 'Retention'),
          h('th', { class: 'num' }, 'Consumers'), h('th', { class: 'num' }, 'Records (last min)'),
          h('th', { class: 'num' }, 'Bytes (last min)'), h('th', {}, 'Created'), h('th', {}, ''))),
        rows)),
    dialog);

  const poller = repeat(REFRESH_MILLIS, async () => {
    try {
      const [summaries, activity] = await Promise.all([listStreams(), consoleApi('activity')]);
      const details = await Promise.all(summaries.map((summary) => describe(summary.StreamName)));
      count.textContent = `(${summaries.length})`;
      rows.replaceChildren(...(summaries.length === 0
        ? [h('tr', {}, h('td', { class: 'empty', colspan: 10 }, 'No data streams yet: create one.'))]
        : summaries.map((summary, i) => row(summary, details[i], activity.streams[summary.StreamName], dialog))));
      notices.querySelector('.load-error')?.remove();
    } catch (e) {
      notices.querySelector('.load-error')?.remove();
      notices.prepend(h('div', { class: 'load-error' }, errorBox(e)));
    }
  });
  return () => poller.stop();
}

/** The summary, or null for a stream deleted between the list and now. */
async function describe(name) {
  try {
    return (await call('DescribeStreamSummary', { StreamName: name })).StreamDescriptionSummary;
  } catch (e) {
    if (e.type === 'ResourceNotFoundException') return null;
    throw e;
  }
}

function row(summary, detail, activity, dialog) {
  const name = summary.StreamName;
  const status = detail ? detail.StreamStatus : summary.StreamStatus;
  const mode = (detail?.StreamModeDetails || summary.StreamModeDetails || {}).StreamMode || 'PROVISIONED';
  const link = `#/streams/${encodeURIComponent(name)}/monitoring`;
  return h('tr', { dataset: { stream: name } },
    h('td', {}, h('a', { href: link, class: 'stream-link' }, name)),
    h('td', {}, h('span', { class: `badge ${status} status` }, status)),
    h('td', {}, mode === 'ON_DEMAND' ? 'On-demand' : 'Provisioned'),
    h('td', { class: 'num' }, detail ? formatCount(detail.OpenShardCount) : '–'),
    h('td', { class: 'num' }, detail ? `${detail.RetentionPeriodHours} h` : '–'),
    h('td', { class: 'num' }, detail ? formatCount(detail.ConsumerCount ?? 0) : '–'),
    h('td', { class: 'num records-last-minute' }, formatCount(activity ? activity.incomingRecords : 0)),
    h('td', { class: 'num' }, formatBytes(activity ? activity.incomingBytes : 0)),
    h('td', {}, summary.StreamCreationTimestamp ? formatDateTime(summary.StreamCreationTimestamp * 1000).slice(0, 19) : ''),
    h('td', {}, h('button', {
      class: 'danger small delete-stream', disabled: status !== 'ACTIVE' && status !== 'UPDATING',
      onClick: () => dialog.ask(name),
    }, 'Delete')));
}

function createForm(notices, created) {
  const name = h('input', { type: 'text', name: 'StreamName', id: 'stream-name', placeholder: 'wildrydes', autocomplete: 'off' });
  const shards = h('input', { type: 'number', name: 'ShardCount', id: 'shard-count', value: '1', min: '1' });
  const provisioned = h('input', { type: 'radio', name: 'StreamMode', value: 'PROVISIONED', checked: true });
  const onDemand = h('input', { type: 'radio', name: 'StreamMode', value: 'ON_DEMAND' });
  const syncShards = () => { shards.disabled = onDemand.checked; };
  provisioned.addEventListener('change', syncShards);
  onDemand.addEventListener('change', syncShards);
  const submit = h('button', { class: 'primary', type: 'submit', id: 'create-stream' }, 'Create data stream');
  const errors = h('div', { class: 'form-errors' });

  const form = h('form', { class: 'panel', id: 'create-stream-form', hidden: true, onSubmit: async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    // No checks here: the API's own validation messages are the ones to show.
    const input = { StreamName: name.value, StreamModeDetails: { StreamMode: onDemand.checked ? 'ON_DEMAND' : 'PROVISIONED' } };
    if (!onDemand.checked && shards.value !== '') input.ShardCount = Number(shards.value);
    submit.disabled = true;
    try {
      await call('CreateStream', input);
      notices.replaceChildren(h('div', { class: 'alert success', role: 'status' },
        `Creating data stream ${input.StreamName}: it is usable once its status is ACTIVE.`));
      name.value = '';
      form.hidden = true;
      created();
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'panel-head' }, h('h2', {}, 'Create data stream')),
  errors,
  formGrid([
    ['Data stream name', name, 'Letters, digits, hyphens, underscores and periods; up to 128 characters.'],
    ['Capacity mode', h('div', {},
      h('label', { class: 'inline' }, provisioned, 'Provisioned'),
      h('label', { class: 'inline' }, onDemand, 'On-demand (4 shards)'))],
    ['Provisioned shards', shards, 'Each shard takes 1 MB/s or 1,000 records/s in, 2 MB/s out.'],
  ], h('div', { class: 'actions' },
    submit,
    h('button', { type: 'button', onClick: () => { form.hidden = true; errors.replaceChildren(); } }, 'Cancel'))));
  return form;
}

function formGrid(fields, actions) {
  const grid = h('div', { class: 'form-grid' });
  for (const [label, control, hint] of fields) {
    grid.append(h('label', {}, label), h('div', {}, control, hint ? h('div', { class: 'hint' }, hint) : null));
  }
  grid.append(h('span'), actions);
  return grid;
}

/** Delete with confirmation: the user types "delete", as the cloud console asks. */
function deleteDialog(notices, deleted) {
  const title = h('h2');
  const confirmation = h('input', { type: 'text', id: 'delete-confirmation', placeholder: 'delete', autocomplete: 'off' });
  const confirm = h('button', { class: 'danger filled', id: 'confirm-delete', disabled: true }, 'Delete');
  const errors = h('div');
  let streamName = null;
  const dialog = h('dialog', { id: 'delete-dialog' },
    title,
    h('p', {}, 'Deleting a data stream deletes its shards and every record in them. This cannot be undone.'),
    h('label', {}, 'To confirm, type ', h('b', {}, 'delete'), ':', confirmation),
    errors,
    h('div', { class: 'actions' },
      h('button', { id: 'cancel-delete', onClick: () => dialog.close() }, 'Cancel'),
      confirm));
  confirmation.addEventListener('input', () => { confirm.disabled = confirmation.value.trim() !== 'delete'; });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await call('DeleteStream', { StreamName: streamName });
      dialog.close();
      notices.replaceChildren(h('div', { class: 'alert success', role: 'status' }, `Deleting data stream ${streamName}.`));
      deleted();
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  });
  dialog.ask = (name) => {
    streamName = name;
    title.textContent = `Delete ${name}?`;
    confirmation.value = '';
    confirm.disabled = true;
    errors.replaceChildren();
    dialog.showModal();
    confirmation.focus();
  };
  return dialog;
}
