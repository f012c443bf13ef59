import { api, showErrors, clearErrors, messageOf } from '../app.js';

// /auth/password-reset is public and takes no cookies: the same answer whether or not the address has an account.
const form = document.getElementById('forgot');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('forgot-submit');
  button.disabled = true;
  const result = await api('POST', '/auth/password-reset', { email: form.email.value.trim() });
  button.disabled = false;
  if (result.ok) {
    const sent = document.getElementById('forgot-sent');
    sent.textContent = result.data.message;
    sent.classList.remove('hidden');
    return;
  }
  if (result.status === 429) {
    form.querySelector('.form-error').textContent = messageOf(result);
    return;
  }
  showErrors(form, result);
});
