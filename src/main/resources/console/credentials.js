// The credentials the console signs with. A server started without --credentials accepts any
// signature, so the console signs with placeholder keys and never asks. A server with credentials
// says so at /console/api/auth; then the console asks for an access key in a small dialog and
// keeps it in this tab's sessionStorage only (gone when the tab closes, never sent anywhere: only
// signatures made with it leave the browser).
import { h } from './dom.js';

const STORAGE_KEY = 'wildrydes.credentials';
const PLACEHOLDER = { accessKeyId: 'console', secretAccessKey: 'console' };

let authInfo = null;
let asking = null;

/** What the server wants: {credentialsRequired, region, service}; asked once per page. */
export async function serverAuth() {
  if (!authInfo) {
    authInfo = fetch('/console/api/auth', { headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null)
      .then((info) => info || { credentialsRequired: false, region: 'us-east-1', service: 'kinesis' });
  }
  return authInfo;
}

function stored() {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    return value && value.accessKeyId && value.secretAccessKey ? value : null;
  } catch {
    return null;
  }
}

/** Forgets the credentials of this tab (after the server refused them, or on "Sign out"). */
export function forgetCredentials() {
  sessionStorage.removeItem(STORAGE_KEY);
  showSignedIn();
}

/**
 * The credentials to sign with: the ones given in this tab, placeholders when the server checks no
 * signatures, else whatever the user types into the dialog (with {@code problem} shown above it).
 * Rejects when the user cancels.
 */
export async function credentials(problem) {
  const info = await serverAuth();
  if (!info.credentialsRequired) return PLACEHOLDER;
  const known = stored();
  if (known && !problem) return known;
  if (!asking) {
    asking = askForCredentials(problem).finally(() => { asking = null; });
  }
  return asking;
}

function askForCredentials(problem) {
  return new Promise((resolve, reject) => {
    const keyId = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true, spellcheck: 'false' });
    const secret = h('input', { name: 'secretAccessKey', type: 'password', autocomplete: 'current-password', required: true });
    const token = h('input', { name: 'sessionToken', type: 'password', autocomplete: 'off' });
    const dialog = h('dialog', { class: 'credentials-dialog', 'aria-labelledby': 'credentials-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'credentials-title' }, 'Sign in to this server'),
        h('p', { class: 'hint' }, 'This server verifies every request\'s signature. Enter an access key it knows; ',
          'the console signs with it and keeps it in this browser tab only (sessionStorage).'),
        problem ? h('div', { class: 'alert error', role: 'alert' }, problem) : null,
        h('label', {}, 'Access key ID', keyId),
        h('label', {}, 'Secret access key', secret),
        h('label', {}, 'Session token (temporary keys only)', token),
        h('div', { class: 'actions' },
          h('button', { type: 'button', value: 'cancel', onClick: () => dialog.close('cancel') }, 'Cancel'),
          h('button', { type: 'submit', class: 'primary', value: 'sign-in' }, 'Sign in'))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (dialog.returnValue !== 'sign-in') {
        reject(Object.assign(new Error('Credentials are required to use this server.'), { type: 'MissingAuthenticationTokenException' }));
        return;
      }
      const entered = { accessKeyId: keyId.value.trim(), secretAccessKey: secret.value.trim() };
      if (token.value.trim()) entered.sessionToken = token.value.trim();
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entered));
      showSignedIn();
      resolve(entered);
    });
    document.body.append(dialog);
    dialog.showModal();
    keyId.focus();
  });
}

/** The top bar's "Signed in as KEY · Sign out", when the server wants credentials and some are given. */
export function showSignedIn() {
  const slot = document.getElementById('identity');
  if (!slot) return;
  const known = stored();
  slot.replaceChildren();
  if (known) {
    slot.append('Signed in as ', h('span', { class: 'mono' }, known.accessKeyId), ' · ',
      h('a', { href: '#/', onClick: (event) => { event.preventDefault(); forgetCredentials(); location.reload(); } }, 'Sign out'));
  }
}
