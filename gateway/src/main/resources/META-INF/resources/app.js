// Rapport ops dashboard: plain ES module, no build step, no external libraries.
// The live stream is read with fetch() so that it can carry the bearer token (EventSource cannot).

const STAGES = ['requested', 'routed', 'sent', 'accepted', 'completed', 'blocked'];
const OPS_ROLES = ['analyst', 'programme-manager', 'admin'];
const TOKEN_KEY = 'rapport.token';

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem(TOKEN_KEY);
let streamAbort = null;
let retryDelay = 1000;
let lastInfluence = null;

// ---- status line --------------------------------------------------------------------------------
function setStatus(state, text) {
  const s = $('status');
  s.dataset.state = state;
  s.textContent = text;
}

// ---- tiny DOM helpers (text only: nothing from the server is ever parsed as HTML) ----------------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function table(headers, rows, caption) {
  const t = el('table');
  if (caption) t.append(el('caption', { class: 'visually-hidden' }, caption));
  const head = el('tr');
  headers.forEach((h) => head.append(el('th', { scope: 'col', class: h.num ? 'num' : '' }, h.label)));
  t.append(el('thead', {}, head));
  const body = el('tbody');
  rows.forEach((cells) => {
    const tr = el('tr');
    cells.forEach((c, i) => tr.append(el('td', { class: headers[i].num ? 'num' : '' }, c)));
    body.append(tr);
  });
  t.append(body);
  return t;
}

function fill(id, content) {
  const target = $(id);
  target.replaceChildren(content);
}

function empty(text) {
  return el('p', { class: 'empty' }, text);
}

function bar(value, max, cls, label) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return el('div', { class: `bar ${cls || ''}`, style: `width:${pct}%`, role: 'img', 'aria-label': label });
}

function who(row) {
  return row.name ? `${row.name} (${row.advocateId})` : row.advocateId;
}

// ---- panels ---------------------------------------------------------------------------------------
function renderFunnel(funnel) {
  const d7 = (funnel && funnel.last7d) || {};
  const d30 = (funnel && funnel.last30d) || {};
  const max = Math.max(1, ...STAGES.map((s) => d7[s] || 0));
  STAGES.forEach((s) => {
    $(`funnel-${s}-7d`).textContent = String(d7[s] || 0);
    $(`funnel-${s}-30d`).textContent = String(d30[s] || 0);
    $(`funnel-${s}-bar`).replaceChildren(bar(d7[s] || 0, max, s === 'blocked' ? 'blocked' : '',
      `${s}: ${d7[s] || 0} in 7 days`));
  });
}

function renderBlocked(blocked) {
  const rows = (blocked && blocked.reasons) || [];
  if (!rows.length) return fill('blocked-reasons', empty('No blocked asks in the last 30 days.'));
  fill('blocked-reasons', table([{ label: 'Reason' }, { label: '7 days', num: true }, { label: '30 days', num: true }],
    rows.map((r) => [r.code, r.last7d, r.last30d]), 'Blocked asks by reason code'));
}

function renderInbox(rows) {
  if (!rows || !rows.length) return fill('inbox-ageing', empty('No ask has waited more than 3 days.'));
  fill('inbox-ageing', table([{ label: 'Owner' }, { label: 'Waiting', num: true }, { label: 'Oldest (days)', num: true }],
    rows.map((r) => [r.ownerId, r.waiting, r.oldestDays]), 'Asks waiting for their owner'));
}

function renderMostAsked(rows) {
  if (!rows || !rows.length) return fill('most-asked', empty('No asks in the last 90 days.'));
  fill('most-asked', table([{ label: 'Advocate' }, { label: 'Asked', num: true }, { label: 'Reached them', num: true }],
    rows.map((r) => [who(r), r.asked, r.sent]), 'Advocates asked most in 90 days'));
}

function renderAttention(att) {
  const owed = (att && att.thankYousOwed) || [];
  const quiet = (att && att.noHumanTouch) || [];
  fill('thank-yous-owed', owed.length
    ? table([{ label: 'Advocate' }, { label: 'Owner' }, { label: 'Ask' }, { label: 'Days owed', num: true }],
      owed.map((r) => [who(r), r.ownerId || '—', r.askId, r.daysOwed]), 'Thank-yous owed')
    : empty('No thank-yous owed.'));
  fill('no-human-touch', quiet.length
    ? table([{ label: 'Advocate' }, { label: 'Owner' }, { label: 'Days since a human touch', num: true }],
      quiet.map((r) => [who(r), r.ownerId || '—', r.daysSinceHumanTouch ?? 'never']), 'No human touch in 60 days')
    : empty('Everyone heard from a person in the last 60 days.'));
}

function money(amount, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch (e) {
    return `${currency} ${amount}`;
  }
}

function influenceWindow() {
  const checked = document.querySelector('input[name="influence-window"]:checked');
  return checked ? checked.value : 'last90d';
}

function wonIn(w, currency) {
  return ((w.won && w.won.amount) || {})[currency] || 0;
}

function renderInfluence(influence) {
  lastInfluence = influence || {};
  const windows = { '90d': lastInfluence.last90d || {}, '365d': lastInfluence.last365d || {} };
  const currency = windows['90d'].currency || windows['365d'].currency || '';
  $('influence-currency').textContent = currency || '–';
  Object.entries(windows).forEach(([key, w]) => {
    $(`influence-won-${key}`).textContent = String((w.won && w.won.count) || 0);
    $(`influence-won-amount-${key}`).textContent = money(wonIn(w, currency), currency || 'XXX');
    $(`influence-lost-${key}`).textContent = String((w.lost && w.lost.count) || 0);
    $(`influence-no-decision-${key}`).textContent = String((w.noDecision && w.noDecision.count) || 0);
  });
  const others = [...new Set(Object.values(windows).flatMap((w) => Object.keys((w.won && w.won.amount) || {})))]
    .filter((c) => c !== currency).sort();
  fill('influence-other-currencies', others.length
    ? table([{ label: 'Currency' }, { label: 'Won, 90 days', num: true }, { label: 'Won, 365 days', num: true }],
      others.map((c) => [c, money(wonIn(windows['90d'], c), c), money(wonIn(windows['365d'], c), c)]),
      'Won amounts in other currencies, not converted')
    : empty('None: every amount won is in the programme currency.'));
  renderInfluenceBreakdowns();
}

function renderInfluenceBreakdowns() {
  const key = influenceWindow();
  const w = (lastInfluence && lastInfluence[key]) || {};
  const days = key === 'last365d' ? '365' : '90';
  const currency = w.currency || '';
  const counts = [{ label: 'Won', num: true }, { label: 'Lost', num: true }, { label: 'No decision', num: true }];
  const activities = Object.entries(w.byActivity || {});
  fill('influence-by-activity', activities.length
    ? table([{ label: 'Activity' }, ...counts],
      activities.map(([a, c]) => [a, c.won, c.lost, c.noDecision]), `Outcomes by activity, ${days} days`)
    : empty(`No outcome recorded for an ask closed in the last ${days} days.`));
  const amount = { label: `Won amount (${currency})`, num: true };
  const accounts = w.byAccount || [];
  fill('influence-by-account', accounts.length
    ? table([{ label: 'Account' }, ...counts, amount],
      accounts.map((r) => [r.name ? `${r.name} (${r.accountId})` : r.accountId, r.won, r.lost, r.noDecision,
        money(r.wonAmount || 0, currency)]), `Top accounts by amount won, ${days} days`)
    : empty('No accounts yet.'));
  const advocates = w.byAdvocate || [];
  fill('influence-by-advocate', advocates.length
    ? table([{ label: 'Advocate' }, ...counts, amount],
      advocates.map((r) => [who(r), r.won, r.lost, r.noDecision, money(r.wonAmount || 0, currency)]),
      `Top advocates by amount won, ${days} days`)
    : empty('No advocates yet.'));
}

function renderPipeline(p) {
  if (!p) {
    fill('consumer-lag', empty('Collecting…'));
    return;
  }
  const lag = p.consumerLag || [];
  if (p.kafkaError) {
    fill('consumer-lag', el('p', { class: 'error' }, p.kafkaError));
  } else if (!lag.length) {
    fill('consumer-lag', empty('No consumer groups yet.'));
  } else {
    const max = Math.max(1, ...lag.map((r) => r.lag));
    fill('consumer-lag', table([{ label: 'Group' }, { label: 'Topic' }, { label: 'Lag', num: true }, { label: 'Chart' }],
      lag.map((r) => [r.group, r.topic, r.lag, bar(r.lag, max, 'lag', `${r.group} on ${r.topic}: ${r.lag}`)]),
      'Consumer lag per group and topic'));
  }
  const services = p.services || [];
  fill('services', table([{ label: 'Service' }, { label: 'Health' }, { label: 'Outbox backlog', num: true }, { label: 'Breaker' }],
    services.map((s) => [s.service, el('span', { class: `health-${s.health}` }, s.health),
      s.outboxPending ?? '—', s.breaker]), 'Service health and outbox backlog'));
  const dead = p.deadLetters || [];
  fill('dead-letters', dead.length
    ? table([{ label: 'Dead-letter topic' }, { label: 'Records', num: true }], dead.map((d) => [d.topic, d.records]),
      'Dead-letter records per topic')
    : empty('No dead letters.'));
}

function render(summary) {
  $('board-error').hidden = true;
  renderFunnel(summary.funnel);
  renderBlocked(summary.blockedReasons);
  renderInbox(summary.inboxAgeing);
  renderMostAsked(summary.mostAsked);
  renderAttention(summary.attention);
  renderInfluence(summary.influence);
  renderPipeline(summary.pipeline);
  const t = $('last-updated');
  t.textContent = new Date(summary.generatedAt).toLocaleTimeString();
  t.setAttribute('datetime', summary.generatedAt);
  $('events-applied').textContent = String(summary.eventsApplied || 0);
}

// ---- sign-in ----------------------------------------------------------------------------------------
function claims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part + '='.repeat((4 - (part.length % 4)) % 4)));
  } catch (e) {
    return null;
  }
}

function showSignIn(message) {
  stopStream();
  $('dashboard').hidden = true;
  $('whoami').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message || '';
  setStatus('signed-out', 'Signed out');
}

function signOut(message) {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

async function signInWith(jwt) {
  const c = claims(jwt);
  if (!c) return showSignIn('That is not a JWT.');
  const groups = c.groups || [];
  if (!groups.some((g) => OPS_ROLES.includes(g))) {
    return signOut(`${c.sub} cannot see this dashboard: it needs the role analyst, programme-manager or admin.`);
  }
  token = jwt;
  sessionStorage.setItem(TOKEN_KEY, jwt);
  $('signin').hidden = true;
  $('dashboard').hidden = false;
  $('whoami').hidden = false;
  $('whoami-name').textContent = `${c.sub} (${groups.join(', ')})`;
  await loadSummary();
  startStream();
}

async function demoSignIn(sub, groups) {
  try {
    const r = await fetch('/api/dev/tokens', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub, groups }),
    });
    if (!r.ok) throw new Error(`the gateway answered ${r.status}`);
    await signInWith((await r.json()).token);
  } catch (e) {
    showSignIn(`Could not get a demo token: ${e.message}`);
  }
}

// ---- data -------------------------------------------------------------------------------------------
async function handleAuthFailure(status) {
  if (status === 401) signOut('Your token was refused (missing, expired or not trusted). Sign in again.');
  else if (status === 403) signOut('Your roles do not allow the dashboard: it needs analyst, programme-manager or admin.');
}

async function loadSummary() {
  setStatus('connecting', 'Connecting…');
  try {
    const r = await fetch('/api/ops/summary', { headers: { Authorization: `Bearer ${token}` } });
    if (r.status === 401 || r.status === 403) return handleAuthFailure(r.status);
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    render(await r.json());
  } catch (e) {
    showError();
  }
}

function showError(seconds) {
  const wait = seconds ? ` in ${seconds} s` : '';
  setStatus('error', `Couldn't reach the gateway — retrying${wait}`);
  const b = $('board-error');
  b.textContent = "Couldn't reach the gateway — retrying. The figures below may be out of date.";
  b.hidden = false;
}

function stopStream() {
  if (streamAbort) streamAbort.abort();
  streamAbort = null;
}

async function startStream() {
  stopStream();
  if (!token) return;
  const controller = new AbortController();
  streamAbort = controller;
  try {
    const r = await fetch('/api/ops/stream', {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: controller.signal,
    });
    if (r.status === 401 || r.status === 403) return handleAuthFailure(r.status);
    if (!r.ok || !r.body) throw new Error(`HTTP ${r.status}`);
    setStatus('live', 'Live');
    retryDelay = 1000;
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let m;
      while ((m = buffer.match(/\r?\n\r?\n/))) {
        handleEvent(buffer.slice(0, m.index));
        buffer = buffer.slice(m.index + m[0].length);
      }
    }
    throw new Error('stream ended');
  } catch (e) {
    if (controller.signal.aborted) return;
    const seconds = Math.round(retryDelay / 1000);
    showError(seconds);
    setTimeout(() => { if (streamAbort === controller) startStream(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }
}

function handleEvent(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue; // heartbeat comment
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (name === 'summary' && data.length) {
    try {
      render(JSON.parse(data.join('\n')));
      setStatus('live', 'Live');
    } catch (e) {
      // a broken event: keep the last good figures
    }
  }
}

// ---- start ------------------------------------------------------------------------------------------
async function init() {
  $('signout').addEventListener('click', () => signOut());
  $('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) {
      $('signin-error').textContent = 'Paste a token first.';
      return;
    }
    signInWith(value);
  });
  document.querySelectorAll('input[name="influence-window"]').forEach((r) => r.addEventListener('change',
    renderInfluenceBreakdowns));
  document.querySelectorAll('#demo-users button').forEach((b) => b.addEventListener('click',
    () => demoSignIn(b.dataset.sub, b.dataset.groups.split(','))));
  try {
    const r = await fetch('/api/dev/tokens/enabled');
    if (r.ok && (await r.json()).enabled) $('demo').hidden = false;
  } catch (e) {
    $('signin-error').textContent = "Couldn't reach the gateway. Reload to try again.";
  }
  if (token) signInWith(token);
  else showSignIn();
}

init();
