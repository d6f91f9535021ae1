// Ferry's dashboard: the runs, a run's phase x service grid kept live over the status API's Server-Sent Events, a
// step's details, and buttons that send commands through POST /migrations/{id}/commands. No build step, no library.
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

async function getJson(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

async function command(id, body) {
  const response = await fetch('/migrations/' + encodeURIComponent(id) + '/commands', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (response.ok) say(body.command + ' sent' + (body.phase ? ' for ' + body.phase : ''));
  else say(body.command + ' refused: ' + (answer.error || 'HTTP ' + response.status), true);
}

function stop() {
  if (stream) stream.close();
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
      say(failure.message, true);
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
  stream = new EventSource('/migrations/' + encodeURIComponent(id) + '/events');
  stream.addEventListener('migration', event => render(JSON.parse(event.data)));
  stream.onerror = () => {
    if (current && FINAL.includes(current.state)) stream.close();
    else say('stream interrupted; reconnecting…', true);
  };
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

function route() {
  stop();
  selected = null;
  current = null;
  const match = location.hash.match(/^#\/runs\/([^/]+)$/);
  if (match) showRun(decodeURIComponent(match[1]));
  else showRuns();
}

window.addEventListener('hashchange', route);
route();
