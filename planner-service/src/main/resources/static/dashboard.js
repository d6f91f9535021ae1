// Ferry's dashboard: the runs, a run's phase x service grid kept live over the status API's Server-Sent Events, a
// step's details, a run's plan and its dry run, a plan checked before it is applied, and buttons that send commands
// through POST /migrations/{id}/commands. With an identity provider, every request carries the bearer token of the
// login (OpenID Connect with PKCE, or pasted; kept in sessionStorage, so it ends with the tab). No build step, no
// library.
'use strict';

const view = document.getElementById('view');
const where = document.getElementById('where');
const notice = document.getElementById('notice');
let stream = null;
let listTimer = null;
let selected = null;
let current = null;

const FINAL = ['SUCCEEDED', 'FAILED', 'ABORTED'];

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') node.onclick = value;
    else if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function badge(state) {
  return el('span', {class: 'state ' + state}, state);
}

function time(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function say(text, failed) {
  notice.textContent = text;
  notice.className = failed ? 'error' : '';
}

const TOKEN = 'ferry.token';

function token() {
  return sessionStorage.getItem(TOKEN);
}

// The token's own claims, only to show who is logged in; the planner verifies the token on every request.
function claims(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch (unreadable) {
    return {};
  }
}

function request(path, options = {}) {
  const headers = {Accept: 'application/json', ...(options.headers || {})};
  if (token()) headers.Authorization = 'Bearer ' + token();
  return fetch(path, {...options, headers});
}

class LoginNeeded extends Error {}

async function getJson(path) {
  const response = await request(path);
  if (response.status === 401) {
    const answer = await response.json().catch(() => ({}));
    throw new LoginNeeded(answer.error || 'this planner needs a login');
  }
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function failed(failure) {
  if (failure instanceof LoginNeeded) showLogin(failure.message);
  else say(failure.message, true);
}

// A command goes to the run through the command API; the run then judges it (roles, state) and writes the verdict
// to the audit log, which is read until it has this command's line.
async function command(id, body) {
  const response = await request('/migrations/' + encodeURIComponent(id) + '/commands', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  const what = body.command + (body.phase ? ' for ' + body.phase : '');
  if (response.status === 401) return showLogin(what + ' refused: ' + (answer.error || 'log in first'));
  if (!response.ok) return say(what + ' refused: ' + (answer.error || 'HTTP ' + response.status), true);
  say(what + ' sent');
  const verdict = await auditLine(id, answer.commandId);
  if (verdict && verdict.applied) say(what + ' applied (by ' + verdict.issuedBy + ')');
  else if (verdict) say(what + ' refused: ' + verdict.reason, true);
}

async function auditLine(id, commandId) {
  for (let tries = 0; commandId && tries < 30; tries++) {
    const audit = await getJson('/migrations/' + encodeURIComponent(id) + '/audit').catch(() => []);
    const line = audit.find(entry => entry.commandId === commandId);
    if (line) return line;
    await new Promise(resolve => setTimeout(resolve, 300));
  }
  return null;
}

function showLogin(reason) {
  stop();
  where.textContent = 'Log in';
  const pasted = el('textarea', {id: 'token', rows: 4, placeholder: 'eyJ…'});
  const provider = el('div', {id: 'provider-login'});
  view.replaceChildren(
      el('h2', {}, 'Log in'),
      el('p', {class: 'error'}, reason),
      provider,
      el('p', {}, 'Or paste a bearer token of the identity provider this planner trusts (the one ',
          el('code', {}, 'ferry login'), ' uses); it is kept in this tab only.'),
      pasted,
      el('div', {class: 'actions'}, el('button', {id: 'login', onclick: () => {
        if (!pasted.value.trim()) return;
        sessionStorage.setItem(TOKEN, pasted.value.trim());
        say('');
        route();
      }}, 'Log in with this token')));
  getJson('/dashboard/login').then(login => {
    if (login.issuer && login.clientId) {
      provider.replaceChildren(el('button', {id: 'oidc-login', onclick: () => redirectToProvider(login)},
          'Log in at ' + new URL(login.issuer).host));
    }
  }).catch(() => {});
}

// OpenID Connect's authorization code flow with PKCE: to the provider and back to this page with a code, which only
// this tab can redeem (it alone holds the verifier). crypto.subtle needs https, or localhost.
const PKCE = 'ferry.pkce';

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error(issuer + ' has no OpenID configuration (HTTP ' + response.status + ')');
  return response.json();
}

function redirectUri() {
  return location.origin + location.pathname;
}

async function redirectToProvider(login) {
  try {
    const provider = await discovery(login.issuer);
    const verifier = randomText();
    const state = randomText();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PKCE, JSON.stringify({verifier, state, issuer: login.issuer, clientId: login.clientId,
      back: location.hash}));
    location.assign(provider.authorization_endpoint + '?' + new URLSearchParams({response_type: 'code',
      client_id: login.clientId, redirect_uri: redirectUri(), scope: 'openid profile', state,
      code_challenge: challenge, code_challenge_method: 'S256'}));
  } catch (failure) {
    say('cannot log in at ' + login.issuer + ': ' + failure.message, true);
  }
}

// Back from the provider: the code for a token, then on to where the person was.
async function returnFromProvider(query) {
  const started = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', redirectUri() + (started ? started.back : ''));
  if (query.get('error')) return showLogin('the identity provider refused: ' + query.get('error'));
  if (!started || started.state !== query.get('state')) return showLogin('this login was not started here; try again');
  try {
    const provider = await discovery(started.issuer);
    const response = await fetch(provider.token_endpoint, {method: 'POST', body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      client_id: started.clientId, code_verifier: started.verifier})});
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.access_token) throw new Error(answer.error || 'HTTP ' + response.status);
    sessionStorage.setItem(TOKEN, answer.access_token);
    route();
  } catch (failure) {
    showLogin('the identity provider gave no token: ' + failure.message);
  }
}

function account() {
  const jwt = token();
  if (!jwt) return null;
  const who = claims(jwt);
  return el('span', {id: 'account'}, who.preferred_username || who.sub || 'token', ' ',
      el('button', {id: 'logout', onclick: () => { sessionStorage.removeItem(TOKEN); say(''); route(); }}, 'Log out'));
}

function stop() {
  if (stream) stream.abort();
  stream = null;
  clearInterval(listTimer);
  listTimer = null;
}

// The runs, newest first, filtered by state and plan name.
async function showRuns() {
  where.textContent = 'Runs';
  const state = el('select', {id: 'state-filter'},
      ['', 'RUNNING', 'PAUSED', 'SUCCEEDED', 'FAILED', 'ABORTED'].map(s => el('option', {value: s}, s || 'every state')));
  const plan = el('input', {id: 'plan-filter', placeholder: 'plan name'});
  const body = el('tbody');
  view.replaceChildren(
      el('div', {class: 'filters'}, state, plan),
      el('table', {id: 'runs'},
          el('thead', {}, el('tr', {}, ['run', 'plan', 'state', 'started', 'finished'].map(h => el('th', {}, h)))),
          body));
  async function refresh() {
    try {
      const runs = await getJson('/migrations');
      body.replaceChildren(...runs
          .filter(run => !state.value || run.state === state.value)
          .filter(run => !plan.value || run.planName.includes(plan.value))
          .map(run => el('tr', {'data-run': run.id},
              el('td', {}, el('a', {href: '#/runs/' + run.id}, run.id)),
              el('td', {}, run.planName),
              el('td', {}, badge(run.state)),
              el('td', {}, time(run.startedAt)),
              el('td', {}, time(run.finishedAt)))));
      say('');
    } catch (failure) {
      failed(failure);
    }
  }
  state.onchange = refresh;
  plan.oninput = refresh;
  await refresh();
  listTimer = setInterval(refresh, 5000);
}

// One run: its phases as columns, its services as rows, updated by every event the planner streams.
function showRun(id) {
  where.textContent = 'Run ' + id;
  view.replaceChildren(el('p', {}, 'loading…'));
  follow('/migrations/' + encodeURIComponent(id) + '/events', render);
}

// Server-Sent Events read with fetch, which (unlike EventSource) can send the bearer token; read again after a break
// until the run has ended.
async function follow(path, onEvent) {
  const controller = new AbortController();
  stream = controller;
  while (!controller.signal.aborted) {
    try {
      const response = await request(path, {headers: {Accept: 'text/event-stream'}, signal: controller.signal});
      if (response.status === 401) throw new LoginNeeded((await response.json()).error);
      if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        const events = buffer.split(/\r?\n\r?\n/);
        buffer = events.pop();
        for (const event of events) {
          const data = event.split(/\r?\n/).filter(line => line.startsWith('data:')).map(line => line.slice(5));
          if (data.length) onEvent(JSON.parse(data.join('\n')));
        }
      }
      if (current && FINAL.includes(current.state)) return;
      say('stream interrupted; reconnecting…', true);
    } catch (failure) {
      if (controller.signal.aborted) return;
      if (failure instanceof LoginNeeded) return failed(failure);
      say('stream interrupted (' + failure.message + '); reconnecting…', true);
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

function render(run) {
  current = run;
  const services = [...new Set(run.phases.flatMap(phase => phase.steps.map(step => step.service)))];
  const header = el('tr', {}, el('th', {}, 'service'), run.phases.map(phase => el('th', {'data-phase': phase.name},
      el('div', {}, phase.name, phase.environment ? ' (' + phase.environment + ')' : ''),
      el('div', {'data-phase-state': phase.name}, badge(phase.state)),
      phaseActions(run, phase))));
  const rows = services.map(service => el('tr', {}, el('th', {}, service), run.phases.map(phase => {
    const step = phase.steps.find(s => s.service === service);
    if (!step) return el('td', {});
    const key = phase.name + '/' + service;
    return el('td', {class: 'cell' + (selected === key ? ' selected' : ''), 'data-cell': key,
        onclick: () => { selected = key; render(current); }},
      badge(step.state),
      step.attempt > 1 ? ' #' + step.attempt : '',
      typeof step.percent === 'number'
          ? el('div', {class: 'bar', title: Math.round(step.percent) + ' %'},
              el('div', {style: 'width:' + step.percent + '%'}))
          : null);
  })));
  view.replaceChildren(
      el('div', {}, 'plan ', el('b', {}, run.planName), ' · ', el('span', {'data-run-state': ''}, badge(run.state)),
          ' · started ', time(run.startedAt), run.finishedAt ? ' · finished ' + time(run.finishedAt) : ''),
      el('div', {class: 'actions'},
          el('button', {'data-command': 'pause', onclick: () => command(run.id, {command: 'pause'})}, 'Pause'),
          el('button', {'data-command': 'resume', onclick: () => command(run.id, {command: 'resume'})}, 'Resume'),
          el('button', {'data-command': 'abort', onclick: () => {
            if (confirm('Abort run ' + run.id + '?')) command(run.id, {command: 'abort'});
          }}, 'Abort'),
          el('a', {href: '#/runs/' + encodeURIComponent(run.id) + '/plan', id: 'plan-link'}, 'plan and dry run'),
          el('a', {href: '/migrations/' + run.id + '/audit'}, 'audit log')),
      el('table', {id: 'grid'}, el('thead', {}, header), el('tbody', {}, rows)),
      details(run));
}

function phaseActions(run, phase) {
  const actions = [];
  if (phase.state === 'AWAITING_APPROVAL') {
    const roles = phase.approvalsMissing && phase.approvalsMissing.length ? phase.approvalsMissing : [null];
    for (const role of roles) {
      actions.push(el('button', {'data-approve': phase.name, onclick: () =>
          command(run.id, {command: 'approve', phase: phase.name, environment: phase.environment, role})},
          role ? 'Approve as ' + role : 'Approve'));
    }
  }
  if (phase.state === 'FAILED' || phase.state === 'PARTIALLY_FAILED' || phase.steps.some(step => step.state === 'FAILED')) {
    actions.push(el('button', {'data-retry': phase.name, onclick: () =>
        command(run.id, {command: 'retry', phase: phase.name})}, 'Retry'));
  }
  return actions.length ? el('div', {}, actions) : null;
}

// The selected step: attempt, times, error, what it produced (links where it is an address), its last output lines.
function details(run) {
  if (!selected) return el('div', {id: 'details'}, 'Click a step for its details.');
  const [phaseName, service] = selected.split('/');
  const phase = run.phases.find(p => p.name === phaseName);
  const step = phase && phase.steps.find(s => s.service === service);
  if (!step) return el('div', {id: 'details'});
  const result = Object.entries(step.result || {}).map(([name, value]) =>
      el('tr', {}, el('th', {}, name), el('td', {}, /^https?:\/\//.test(value) ? el('a', {href: value}, value) : value)));
  return el('div', {id: 'details', 'data-details': selected},
      el('h3', {}, phaseName + ' / ' + service + ' ', badge(step.state)),
      step.attempt === 0 ? el('div', {}, 'not started yet') : el('div', {}, 'attempt ', step.attempt,
          ' · started ', time(step.startedAt),
          step.finishedAt ? ' · finished ' + time(step.finishedAt) : '',
          step.deadline ? ' · deadline ' + time(step.deadline) : '',
          step.retryAt ? ' · retry at ' + time(step.retryAt) : ''),
      step.lastError ? el('p', {class: 'error'}, step.lastError) : null,
      result.length ? el('table', {}, el('tbody', {}, result)) : null,
      step.output && step.output.length ? el('pre', {}, step.output.join('\n')) : null,
      phase.environment && /^deploy$/i.test(phase.action) && step.state === 'SUCCEEDED'
          ? el('div', {class: 'actions'}, el('button', {'data-rollback': service, onclick: () => {
              if (confirm('Roll ' + service + ' back in ' + phase.environment + '?')) {
                command(run.id, {command: 'rollback', service, environment: phase.environment});
              }
            }}, 'Roll back ' + service + ' in ' + phase.environment))
          : null);
}

// A run's plan: the dry run the planner works out from the plan it stored, and the document as it was sent.
async function showPlan(id) {
  where.textContent = 'Plan of run ' + id;
  try {
    const plan = await getJson('/migrations/' + encodeURIComponent(id) + '/plan');
    const parameters = Object.entries(plan.parameters || {}).map(([name, value]) => name + '=' + value).join(', ');
    view.replaceChildren(
        el('div', {}, el('a', {href: '#/runs/' + encodeURIComponent(id)}, '← run ' + id)),
        el('h2', {}, 'Plan ', plan.planName, parameters ? ' (' + parameters + ')' : ''),
        dryRun(plan.dryRun),
        el('h3', {}, 'The plan as sent'),
        el('pre', {id: 'plan-document'}, plan.document));
  } catch (failure) {
    failed(failure);
  }
}

// What applying a plan would do: the phases once, then per service its numbered steps.
function dryRun(result) {
  const marks = list => list.length ? el('span', {class: 'marks'}, ' [' + list.join('; ') + ']') : null;
  let number = 1;
  const phases = result.phases.map(phase => el('tr', {'data-dry-phase': phase.name},
      el('td', {}, phase.onDemand ? 'on demand' : number++),
      el('td', {}, phase.name),
      el('td', {}, phase.action + (phase.environment ? ' in ' + phase.environment : '')),
      el('td', {}, phase.after.join(', ')),
      el('td', {}, marks(phase.marks), phase.checklist.map(item => el('div', {}, '☐ ' + item)))));
  const services = result.services.map(service => {
    let step = 1;
    return el('section', {class: 'service', 'data-dry-service': service.name},
        el('h4', {}, service.name, service.about.length ? ' (' + service.about.join(', ') + ')' : ''),
        el('ol', {}, service.steps.map(s => el('li', {'data-dry-step': s.phase, class: s.onDemand ? 'on-demand' : null},
            el('span', {class: 'step-number'}, s.onDemand ? 'on demand' : step++ + '.'), ' ', el('b', {}, s.phase),
            ' → ', s.does, marks(s.marks)))));
  });
  return el('div', {id: 'dry-run'},
      el('ul', {class: 'summary'}, result.summary.map(line => el('li', {}, line))),
      el('h3', {}, 'Phases in running order'),
      el('table', {id: 'dry-phases'},
          el('thead', {}, el('tr', {}, ['', 'phase', 'action', 'after', 'notes'].map(h => el('th', {}, h)))),
          el('tbody', {}, phases)),
      el('h3', {}, 'Steps per service'),
      services);
}

// A plan not applied yet: pasted or read from a file, checked by the planner as a start command would be.
function showCheck() {
  where.textContent = 'Check a plan';
  const text = el('textarea', {id: 'plan-text', rows: 16, placeholder: 'apiVersion: ferry.dev/v1 …'});
  const file = el('input', {type: 'file', id: 'plan-file', accept: '.yaml,.yml'});
  const result = el('div', {id: 'check-result'});
  file.onchange = async () => { if (file.files[0]) text.value = await file.files[0].text(); };
  async function check() {
    const name = file.files[0] ? file.files[0].name.replace(/\.ya?ml$/, '') : 'plan';
    const response = await request('/plans/dry-run?name=' + encodeURIComponent(name),
        {method: 'POST', headers: {'Content-Type': 'application/yaml'}, body: text.value});
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401) return showLogin(answer.error || 'log in first');
    if (answer.valid) {
      result.replaceChildren(el('p', {class: 'valid'}, 'Valid plan ' + answer.planName + '.'), dryRun(answer.dryRun));
    } else if (answer.problems) {
      result.replaceChildren(el('p', {class: 'error'}, answer.problems.length + ' problem(s):'),
          el('ul', {id: 'problems'}, answer.problems.map(p => el('li', {class: 'error'},
              p.file + ':' + p.line + ':' + p.column + ' ' + (p.path ? p.path + ': ' : '') + p.message))));
    } else {
      result.replaceChildren(el('p', {class: 'error'}, 'HTTP ' + response.status));
    }
  }
  view.replaceChildren(
      el('p', {}, 'Paste a plan or choose its file: the planner checks it as it would check ', el('code', {}, 'ferry apply'),
          '\'s, and shows every problem, or what applying it would do. Nothing is started.'),
      text, el('div', {class: 'actions'}, file, el('button', {id: 'check', onclick: check}, 'Check')), result);
}

function route() {
  stop();
  selected = null;
  current = null;
  document.getElementById('account-slot').replaceChildren(account() || '');
  const run = location.hash.match(/^#\/runs\/([^/]+)(\/plan)?$/);
  if (run && run[2]) showPlan(decodeURIComponent(run[1]));
  else if (run) showRun(decodeURIComponent(run[1]));
  else if (location.hash === '#/check') showCheck();
  else showRuns();
}

window.addEventListener('hashchange', route);
const returned = new URLSearchParams(location.search);
if (returned.has('code') || returned.has('error')) returnFromProvider(returned);
else route();
