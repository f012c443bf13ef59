import { api, showErrors, clearErrors, messageOf, param } from '../app.js';

const form = document.getElementById('login');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('login-submit');
  button.disabled = true;
  const codeField = document.getElementById('code-field');
  const body = { email: form.email.value.trim(), password: form.password.value };
  if (!codeField.classList.contains('hidden') && form.code.value.trim()) body.code = form.code.value.trim();
  const result = await api('POST', '/app/api/login', body);
  button.disabled = false;
  if (result.ok) {
    const next = param('next');
    // Only same-site paths under /app: never an open redirect.
    const safe = next && /^\/app(\/[A-Za-z0-9_~\-\/]*)?(\?[^#]*)?$/.test(next) && !next.includes('//');
    location.assign(safe ? next : (result.data && result.data.activeGroup ? '/app/dashboard' : '/app/groups'));
    return;
  }
  if (result.status === 401 && result.data && result.data.error === 'code_required') {
    // The password was right; the account has a second factor.
    codeField.classList.remove('hidden');
    form.code.focus();
    return;
  }
  if (result.status === 401 && result.data && result.data.error === 'invalid_code') {
    form.code.value = '';
    showErrors(form, result);
    form.code.focus();
    return;
  }
  if (result.status === 429) {
    form.querySelector('.form-error').textContent = messageOf(result);
    return;
  }
  showErrors(form, result);
});
