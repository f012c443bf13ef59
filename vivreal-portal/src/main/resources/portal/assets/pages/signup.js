import { api, showErrors, clearErrors } from '../app.js';

const form = document.getElementById('signup');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('signup-submit');
  button.disabled = true;
  const body = { name: form.name.value.trim(), email: form.email.value.trim(), password: form.password.value };
  const result = await api('POST', '/app/api/signup', body);
  button.disabled = false;
  if (result.ok) {
    location.assign('/app/groups');
    return;
  }
  showErrors(form, result);
});
