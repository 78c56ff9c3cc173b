// The tables list: status, keys, capacity mode, items and size; create and delete.
import { callTables, listTables } from './dynamodb.js';
import { errorBox, formatBytes, formatCount, formatDateTime, h, repeat } from './dom.js';

const REFRESH_MILLIS = 3000;

export function tablesView(root) {
  const notices = h('div', { id: 'notices' });
  const count = h('span', { class: 'count' });
  const rows = h('tbody', {}, h('tr', {}, h('td', { class: 'empty', colspan: 8 }, 'Loading…')));
  const form = createForm(notices, () => poller.refresh());
  const dialog = deleteDialog(notices, () => poller.refresh());
  root.append(
    h('div', { class: 'breadcrumbs' }, 'DynamoDB', ' › ', 'Tables'),
    notices,
    form,
    h('section', { class: 'panel' },
      h('div', { class: 'panel-head' },
        h('h2', {}, 'Tables ', count),
        h('span', { class: 'grow' }),
        h('button', { onClick: () => poller.refresh() }, 'Refresh'),
        h('button', { class: 'primary', id: 'show-create-table', onClick: () => {
          form.hidden = !form.hidden;
          if (!form.hidden) form.querySelector('input[name=TableName]').focus();
        } }, 'Create table')),
      h('table', { id: 'tables-table' },
        h('thead', {}, h('tr', {},
          h('th', {}, 'Name'), h('th', {}, 'Status'), h('th', {}, 'Partition key'), h('th', {}, 'Sort key'),
          h('th', {}, 'Capacity mode'), h('th', { class: 'num' }, 'Items'), h('th', { class: 'num' }, 'Size'), h('th', {}, ''))),
        rows)),
    dialog);

  const poller = repeat(REFRESH_MILLIS, async () => {
    try {
      const names = await listTables();
      const tables = await Promise.all(names.map(describe));
      count.textContent = `(${names.length})`;
      rows.replaceChildren(...(names.length === 0
        ? [h('tr', {}, h('td', { class: 'empty', colspan: 8 }, 'No tables yet: create one (the lab\'s is UnicornSensorData).'))]
        : tables.filter(Boolean).map((t) => row(t, dialog))));
      notices.querySelector('.load-error')?.remove();
    } catch (e) {
      notices.querySelector('.load-error')?.remove();
      notices.prepend(h('div', { class: 'load-error' }, errorBox(e)));
    }
  });
  return () => poller.stop();
}

async function describe(name) {
  try {
    return (await callTables('DescribeTable', { TableName: name })).Table;
  } catch (e) {
    if (e.type === 'ResourceNotFoundException') return null;
    throw e;
  }
}

/** "Name (S)" for the key of the given type (HASH or RANGE), or "–". */
export function keyText(table, keyType) {
  const key = (table.KeySchema || []).find((k) => k.KeyType === keyType);
  if (!key) return '–';
  const definition = (table.AttributeDefinitions || []).find((a) => a.AttributeName === key.AttributeName);
  return `${key.AttributeName} (${definition ? definition.AttributeType : '?'})`;
}

function row(table, dialog) {
  const name = table.TableName;
  const onDemand = table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST';
  return h('tr', { dataset: { table: name } },
    h('td', {}, h('a', { href: `#/tables/${encodeURIComponent(name)}`, class: 'table-link' }, name)),
    h('td', {}, h('span', { class: `badge ${table.TableStatus} status` }, table.TableStatus)),
    h('td', {}, keyText(table, 'HASH')),
    h('td', {}, keyText(table, 'RANGE')),
    h('td', {}, onDemand ? 'On-demand' : `Provisioned (${table.ProvisionedThroughput.ReadCapacityUnits} RCU, `
      + `${table.ProvisionedThroughput.WriteCapacityUnits} WCU)`),
    h('td', { class: 'num item-count' }, formatCount(table.ItemCount)),
    h('td', { class: 'num' }, formatBytes(table.TableSizeBytes)),
    h('td', {}, h('button', {
      class: 'danger small delete-table', disabled: table.TableStatus !== 'ACTIVE', title: `Created ${formatDateTime(table.CreationDateTime * 1000).slice(0, 19)}`,
      onClick: () => dialog.ask(name),
    }, 'Delete')));
}

function typeSelect(name) {
  return h('select', { name }, ['S', 'N', 'B'].map((t) => h('option', { value: t }, { S: 'String', N: 'Number', B: 'Binary' }[t])));
}

function createForm(notices, created) {
  const name = h('input', { type: 'text', name: 'TableName', id: 'table-name', placeholder: 'UnicornSensorData', autocomplete: 'off' });
  const hashName = h('input', { type: 'text', name: 'HashName', id: 'hash-name', placeholder: 'Name', autocomplete: 'off' });
  const hashType = typeSelect('HashType');
  const rangeName = h('input', { type: 'text', name: 'RangeName', id: 'range-name', placeholder: 'StatusTime (optional)', autocomplete: 'off' });
  const rangeType = typeSelect('RangeType');
  const onDemand = h('input', { type: 'checkbox', name: 'OnDemand', checked: true });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'create-table' }, 'Create table');
  const errors = h('div', { class: 'form-errors' });
  const form = h('form', { class: 'panel', id: 'create-table-form', hidden: true, onSubmit: async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    // As the cloud console: everything else default; the API's own messages are the ones shown.
    const input = {
      TableName: name.value,
      AttributeDefinitions: [{ AttributeName: hashName.value, AttributeType: hashType.value }],
      KeySchema: [{ AttributeName: hashName.value, KeyType: 'HASH' }],
    };
    if (rangeName.value) {
      input.AttributeDefinitions.push({ AttributeName: rangeName.value, AttributeType: rangeType.value });
      input.KeySchema.push({ AttributeName: rangeName.value, KeyType: 'RANGE' });
    }
    if (onDemand.checked) input.BillingMode = 'PAY_PER_REQUEST';
    else input.ProvisionedThroughput = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };
    submit.disabled = true;
    try {
      await callTables('CreateTable', input);
      notices.replaceChildren(h('div', { class: 'alert success', role: 'status' },
        `Creating table ${input.TableName}: it is usable once its status is ACTIVE.`));
      form.hidden = true;
      created();
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'panel-head' }, h('h2', {}, 'Create table')),
  errors,
  h('div', { class: 'form-grid' },
    h('label', {}, 'Table name'), h('div', {}, name),
    h('label', {}, 'Partition key'), h('div', {}, hashName, ' ', hashType),
    h('label', {}, 'Sort key'), h('div', {}, rangeName, ' ', rangeType),
    h('label', {}, 'Capacity'), h('div', {}, h('label', { class: 'inline' }, onDemand, 'On-demand (else provisioned, 5 RCU / 5 WCU)')),
    h('span'), h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', onClick: () => { form.hidden = true; errors.replaceChildren(); } }, 'Cancel'))));
  return form;
}

function deleteDialog(notices, deleted) {
  const title = h('h2');
  const confirmation = h('input', { type: 'text', id: 'delete-table-confirmation', placeholder: 'delete', autocomplete: 'off' });
  const confirm = h('button', { class: 'danger filled', id: 'confirm-delete-table', disabled: true }, 'Delete');
  const errors = h('div');
  let tableName = null;
  const dialog = h('dialog', { id: 'delete-table-dialog' },
    title,
    h('p', {}, 'Deleting a table deletes every item in it. This cannot be undone.'),
    h('label', {}, 'To confirm, type ', h('b', {}, 'delete'), ':', confirmation),
    errors,
    h('div', { class: 'actions' }, h('button', { onClick: () => dialog.close() }, 'Cancel'), confirm));
  confirmation.addEventListener('input', () => { confirm.disabled = confirmation.value.trim() !== 'delete'; });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await callTables('DeleteTable', { TableName: tableName });
      dialog.close();
      notices.replaceChildren(h('div', { class: 'alert success', role: 'status' }, `Deleting table ${tableName}.`));
      deleted();
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  });
  dialog.ask = (name) => {
    tableName = name;
    title.textContent = `Delete ${name}?`;
    confirmation.value = '';
    confirm.disabled = true;
    errors.replaceChildren();
    dialog.showModal();
    confirmation.focus();
  };
  return dialog;
}
