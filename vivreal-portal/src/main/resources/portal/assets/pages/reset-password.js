import { api, showErrors, clearErrors } from '../app.js';

// The token travels in the fragment (#token=...): never sent to a server in a request line or a Referer.
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
history.replaceState(null, '', location.pathname);

const form = document.getElementById('reset');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('reset-submit');
  button.disabled = true;
  const result = await api('POST', '/auth/password-reset/confirm', { token, password: form.password.value });
  button.disabled = false;
  if (result.ok) {
    form.classList.add('hidden');
    document.getElementById('reset-done').classList.remove('hidden');
    return;
  }
  if (result.data && result.data.error === 'invalid_token') {
    form.querySelector('.form-error').textContent = result.data.message;
    return;
  }
  showErrors(form, result);
});
