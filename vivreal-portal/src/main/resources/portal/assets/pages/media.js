import { boot, proxy, h, mount, when, notice, messageOf, showErrors, clearErrors, confirmDialog, bytes } from '../app.js';

const PAGE = 50;

const me = await boot();
const canWrite = ['owner', 'admin', 'editor'].includes(me.active.role);
const form = document.getElementById('upload-form');
const fileInput = document.getElementById('media-file');
const uploadButton = document.getElementById('upload');
const mediaError = document.getElementById('media-error');
const more = document.getElementById('more-media');
let files = [];

if (canWrite) {
  form.classList.remove('hidden');
  form.addEventListener('submit', upload);
  fileInput.addEventListener('change', () => clearErrors(form));
  describeLimit();
} else {
  document.getElementById('read-only-note').classList.remove('hidden');
}
document.getElementById('load-more').addEventListener('click', (event) => loadPage(files.length, event.target));

await loadPage(0);

async function loadPage(skip, button) {
  if (button) button.disabled = true;
  const result = await proxy('GET', 'media?limit=' + PAGE + '&skip=' + skip);
  if (button) button.disabled = false;
  if (!result.ok) {
    if (skip === 0) mount(document.getElementById('media-body'));
    mediaError.textContent = messageOf(result);
    return;
  }
  mediaError.textContent = '';
  const page = Array.isArray(result.data) ? result.data : [];
  files = skip === 0 ? page : files.concat(page);
  more.classList.toggle('hidden', page.length < PAGE);
  render();
}

/** Tells the uploader the largest file their tier takes; quiet when the tiers route is unavailable. */
async function describeLimit() {
  try {
    const response = await fetch('/app/api/tiers', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    const tiers = await response.json();
    const tier = Array.isArray(tiers) && tiers.find((t) => t.tier === me.active.tier);
    if (!tier || !tier.mediaMaxBytes) return;
    document.getElementById('upload-help').textContent = 'Images (JPEG, PNG, GIF, WebP), PDF documents and MP4 or WebM videos, up to '
      + bytes(tier.mediaMaxBytes) + ' each on the ' + me.active.tier + ' tier.';
  } catch { /* the generic help text stays */ }
}

function render() {
  const body = document.getElementById('media-body');
  if (!files.length) {
    mount(body, h('p', { class: 'empty', id: 'media-empty' }, canWrite
      ? 'No media yet. Upload an image, a PDF or a video above to use it in your content and sites.'
      : 'No media yet.'));
    return;
  }
  mount(body, h('table', { id: 'media' },
    h('thead', {}, h('tr', {},
      h('th', {}, h('span', { class: 'sr-only' }, 'Preview')), h('th', {}, 'Name'), h('th', {}, 'Type'),
      h('th', {}, 'Size'), h('th', {}, 'Uploaded'), canWrite ? h('th', {}, h('span', { class: 'sr-only' }, 'Actions')) : null)),
    h('tbody', {}, files.map(row))));
}

function row(file) {
  const url = safeUrl(file.url);
  const image = url && String(file.type || '').startsWith('image/');
  const preview = image
    ? h('img', { class: 'thumb', src: url, alt: '', loading: 'lazy', on: { error: (event) => event.target.classList.add('hidden') } })
    : h('span', { class: 'thumb placeholder', 'aria-hidden': 'true', text: kind(file.type) });
  return h('tr', { dataset: { key: file.key } },
    h('td', { class: 'preview' }, preview),
    h('td', {}, url
      ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: file.name || file.key })
      : h('span', { text: file.name || file.key })),
    h('td', {}, h('code', { text: file.type || '—' })),
    h('td', { class: 'num', text: bytes(file.size || 0) }),
    h('td', { text: when(file.createdAt) }),
    canWrite ? h('td', { class: 'actions-cell' },
      h('button', { type: 'button', class: 'danger small delete-media', dataset: { key: file.key },
        on: { click: (event) => remove(file, event.target) } }, 'Delete')) : null);
}

/** Only plain web addresses become links and image sources. */
function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function kind(type) {
  const text = String(type || '');
  if (text === 'application/pdf') return 'PDF';
  if (text.startsWith('video/')) return 'Video';
  if (text.startsWith('image/')) return 'Image';
  return 'File';
}

async function upload(event) {
  event.preventDefault();
  clearErrors(form);
  const file = fileInput.files && fileInput.files[0];
  if (!file) {
    showErrors(form, { status: 400, data: { field: 'file', message: 'choose a file to upload' } });
    return;
  }
  const body = new FormData();
  body.append('file', file, file.name);
  uploadButton.disabled = true;
  uploadButton.textContent = 'Uploading…';
  let result;
  try {
    result = await proxy('POST', 'media', body);
  } catch {
    result = { ok: false, status: 0, data: { message: 'the upload did not reach the server; check your connection and try again' } };
  }
  uploadButton.disabled = false;
  uploadButton.textContent = 'Upload';
  if (result.ok) {
    form.reset();
    notice((result.data && result.data.name ? result.data.name : file.name) + ' was uploaded.');
    await loadPage(0);
    return;
  }
  if (result.status === 402) {
    form.querySelector('.form-error').replaceChildren(
      sentence(readable(messageOf(result))) + '. Delete files you no longer need, or ',
      h('a', { href: '/app/pricing', class: 'quota-link' }, 'see plans with more storage'), '.');
    return;
  }
  if (result.status === 413 || result.status === 415) {
    const message = result.status === 413
      ? readable(messageOf(result)) + ' (this file is ' + bytes(file.size) + ')'
      : messageOf(result);
    showErrors(form, { status: result.status, data: { field: 'file', message } });
    return;
  }
  showErrors(form, result);
}

/** Quota messages count bytes; show them as sizes ("104857600 bytes" → "100 MB"). */
function readable(message) {
  return message.replace(/\b(\d{4,}) bytes\b/g, (_, n) => bytes(Number(n)));
}

async function remove(file, button) {
  mediaError.textContent = '';
  const sure = await confirmDialog('Delete ' + (file.name || file.key) + '? Content and sites that use it will show a missing file.', 'Delete file');
  if (!sure) return;
  button.disabled = true;
  const result = await proxy('DELETE', 'media/' + encodeURIComponent(file.key));
  if (!result.ok) {
    button.disabled = false;
    mediaError.textContent = messageOf(result);
    notice(messageOf(result), 'error');
    return;
  }
  files = files.filter((f) => f.key !== file.key);
  notice((file.name || 'The file') + ' was deleted.');
  render();
}

const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);
