import { api, showErrors, clearErrors, messageOf, param } from '../app.js';

const form = document.getElementById('login');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('login-submit');
  button.disabled = true;
  const result = await api('POST', '/app/api/login', {
    email: form.email.value.trim(),
    password: form.password.value,
  });
  button.disabled = false;
  if (result.ok) {
    const next = param('next');
    // Only same-site paths under /app: never an open redirect.
    const safe = next && /^\/app(\/[A-Za-z0-9_~\-\/]*)?(\?[^#]*)?$/.test(next) && !next.includes('//');
    location.assign(safe ? next : (result.data && result.data.activeGroup ? '/app/dashboard' : '/app/groups'));
    return;
  }
  if (result.status === 429) {
    form.querySelector('.form-error').textContent = messageOf(result);
    return;
  }
  showErrors(form, result);
});
