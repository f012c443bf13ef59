// Public: works signed out, so it never calls boot() (which would send visitors to the login page).
import { h, mount, bytes, isUnlimited, param } from '../app.js';

const ORDER = ['free', 'basic', 'pro', 'proplus', 'enterprise'];
const NAMES = { free: 'Free', basic: 'Basic', pro: 'Pro', proplus: 'Pro Plus', enterprise: 'Enterprise' };
const LIMITS = [
  ['contentItems', 'Content items', count],
  ['contentTypes', 'Content types', count],
  ['seats', 'Team members', count],
  ['versionsKept', 'Versions kept per item', count],
  ['mediaMaxBytes', 'Largest upload', bytes],
  ['mediaTotalBytes', 'Media storage', bytes],
  ['submissionsPerDay', 'Form submissions a day', count],
  ['sites', 'Sites', count],
  ['newsletterRecipientsPerMonth', 'Newsletter recipients a month', count],
  ['connectedAccounts', 'Connected social accounts', count],
  ['postsPerMonth', 'Posts a month', count],
];

function count(n) {
  return isUnlimited(n) ? 'Unlimited' : Number(n).toLocaleString();
}

const box = document.getElementById('tiers');
const errorBox = document.getElementById('tiers-error');
const current = param('current');

try {
  const response = await fetch('/app/api/tiers', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error('the tiers could not be loaded (' + response.status + ')');
  const tiers = await response.json();
  if (!Array.isArray(tiers)) throw new Error('the tiers could not be read');
  render(tiers);
} catch (error) {
  mount(box);
  errorBox.textContent = (error && error.message ? error.message : 'the tiers could not be loaded') + '. Try again in a moment.';
}

function render(tiers) {
  if (!tiers.length) {
    mount(box, h('p', { class: 'empty' }, 'No tiers are configured on this server.'));
    return;
  }
  const rank = (t) => (ORDER.indexOf(t.tier) + 1) || ORDER.length + 1;
  const sorted = [...tiers].sort((a, b) => rank(a) - rank(b));
  mount(box, sorted.map((tier) => h('div', {
    class: 'card tier-card' + (tier.tier === current ? ' current' : ''), dataset: { tier: tier.tier },
  },
  h('h2', {}, NAMES[tier.tier] || tier.tier,
    tier.tier === current ? h('span', { class: 'badge' }, 'Your tier') : null),
  h('dl', { class: 'limits' }, LIMITS.filter(([key]) => key in tier).map(([key, label, format]) => [
    h('dt', {}, label),
    h('dd', { class: isUnlimited(tier[key]) ? 'unlimited' : null, dataset: { limit: key } }, format(tier[key])),
  ])),
  h('p', { class: tier.selfService ? 'self-service' : 'muted small' }, tier.selfService
    ? 'Self-service: choose it when you create a group.'
    : 'Set up by your Vivreal operator.'))));
}
