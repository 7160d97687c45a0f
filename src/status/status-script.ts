// The status page's script (status-page.ts), served from its own path so the page's CSP can
// forbid inline script. Plain browser JS in a string: no build step. It renders every config
// name with textContent (names come from the config, never as HTML), keeps the gateway key in
// a variable of the page only, and offers one sample request per inbound protocol for the
// dry-run inspector.
import type { GatewayAnswer } from '../http/exchange.ts';

export const STATUS_SCRIPT_PATH = '/_any-api/status.js';

const SCRIPT = `'use strict';
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var SAMPLES = {
    claude: { label: 'Claude Messages', path: '/claude/v1/messages', body: {
      model: '', max_tokens: 256, system: 'You answer in one short sentence.', top_k: 40,
      messages: [{ role: 'user', content: 'What is the capital of France?' }] } },
    'openai-chat-completions': { label: 'OpenAI Chat Completions', path: '/v1/chat/completions', body: {
      model: '', max_completion_tokens: 256,
      messages: [{ role: 'system', content: 'You answer in one short sentence.' }, { role: 'user', content: 'What is the capital of France?' }] } },
    'openai-responses': { label: 'OpenAI Responses', path: '/v1/responses', body: {
      model: '', max_output_tokens: 256, store: false, instructions: 'You answer in one short sentence.', input: 'What is the capital of France?' } },
    gemini: { label: 'Gemini', path: '/gemini/v1beta/models/{model}:generateContent', body: {
      systemInstruction: { parts: [{ text: 'You answer in one short sentence.' }] },
      contents: [{ role: 'user', parts: [{ text: 'What is the capital of France?' }] }],
      generationConfig: { maxOutputTokens: 256 } } }
  };

  function headers() {
    var h = { 'content-type': 'application/json' };
    var key = $('key').value.trim();
    if (key) h.authorization = 'Bearer ' + key;
    return h;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function cell(row, text) { var td = document.createElement('td'); td.textContent = text; row.appendChild(td); return td; }
  function errorText(json, status) {
    var e = json && json.error;
    var message = e && (typeof e.message === 'string' ? e.message : null);
    return 'HTTP ' + status + (message ? ': ' + message : '');
  }

  function render(info) {
    $('version').textContent = 'v' + info.version;
    var providers = $('providers'); clear(providers);
    var models = [];
    info.providers.forEach(function (p) {
      var row = document.createElement('tr');
      cell(row, p.id); cell(row, p.type);
      cell(row, p.models.map(function (m) { models.push(m.id); return m.id + ' → ' + m.upstreamModel; }).join('\\n')).style.whiteSpace = 'pre-line';
      providers.appendChild(row);
    });
    var aliases = $('aliases'); clear(aliases);
    if (info.aliases.length === 0) { var none = document.createElement('tr'); cell(none, '(none)').colSpan = 2; aliases.appendChild(none); }
    info.aliases.forEach(function (a) {
      var row = document.createElement('tr');
      cell(row, a.name); cell(row, a.targets.join(' → '));
      aliases.appendChild(row);
      if (a.name.slice(-1) !== '*') models.push(a.name);
    });
    var routes = $('routes'); clear(routes);
    info.routes.forEach(function (r) { var row = document.createElement('tr'); cell(row, r.method); cell(row, r.path); routes.appendChild(row); });
    var select = $('model'); var previous = select.value; clear(select);
    models.forEach(function (id) { var o = document.createElement('option'); o.value = id; o.textContent = id; select.appendChild(o); });
    if (models.indexOf(previous) >= 0) select.value = previous;
    fillSample();
  }

  function load() {
    $('status').textContent = 'Loading…';
    fetch('/_any-api/status', { headers: headers() }).then(function (res) {
      return res.json().then(function (json) {
        if (res.status === 401) { $('status').textContent = 'This gateway needs its key: enter it and press Load. (' + errorText(json, res.status) + ')'; return; }
        if (!res.ok) { $('status').textContent = errorText(json, res.status); return; }
        $('status').textContent = 'Loaded.';
        render(json);
      });
    }).catch(function (e) { $('status').textContent = 'Could not load: ' + e; });
  }

  function fillSample() {
    var sample = SAMPLES[$('sample').value];
    var model = $('model').value;
    var body = JSON.parse(JSON.stringify(sample.body));
    if ('model' in body) body.model = model;
    $('path').value = sample.path.replace('{model}', encodeURIComponent(model));
    $('body').value = JSON.stringify(body, null, 2);
  }

  function showResult(json, status) {
    ['out-error', 'out-url', 'out-headers', 'out-body'].forEach(function (id) { $(id).textContent = ''; });
    clear($('out-warnings'));
    if (status < 200 || status > 299) { $('out-error').textContent = errorText(json, status) + '\\n' + JSON.stringify(json, null, 2); return; }
    if (!json.upstream) { $('out-error').textContent = json.note || 'Nothing would be sent upstream.'; }
    else {
      $('out-url').textContent = json.upstream.method + ' ' + json.upstream.url;
      $('out-headers').textContent = Object.keys(json.upstream.headers).map(function (k) { return k + ': ' + json.upstream.headers[k]; }).join('\\n');
      $('out-body').textContent = typeof json.upstream.body === 'string' ? json.upstream.body : JSON.stringify(json.upstream.body, null, 2);
    }
    var list = $('out-warnings');
    if (json.warnings.length === 0) { var li = document.createElement('li'); li.textContent = '(none)'; list.appendChild(li); }
    json.warnings.forEach(function (w) { var item = document.createElement('li'); item.textContent = w; list.appendChild(item); });
  }

  function run() {
    var text = $('body').value;
    var body;
    // Text that is not JSON goes as it is: the route answers it as it would a client.
    try { body = JSON.parse(text); } catch (e) { body = text; }
    $('run-status').textContent = 'Running…';
    fetch('/_any-api/dry-run', { method: 'POST', headers: headers(), body: JSON.stringify({ path: $('path').value, body: body }) })
      .then(function (res) { return res.json().then(function (json) { $('run-status').textContent = 'HTTP ' + res.status; showResult(json, res.status); }); })
      .catch(function (e) { $('run-status').textContent = 'Failed: ' + e; });
  }

  Object.keys(SAMPLES).forEach(function (id) { var o = document.createElement('option'); o.value = id; o.textContent = SAMPLES[id].label; $('sample').appendChild(o); });
  $('sample').addEventListener('change', fillSample);
  $('model').addEventListener('change', fillSample);
  $('load').addEventListener('click', load);
  $('key').addEventListener('keydown', function (e) { if (e.key === 'Enter') load(); });
  $('run').addEventListener('click', run);
  fillSample();
  load();
})();
`;

export function statusScript(): GatewayAnswer {
  return { status: 200, headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'content-type': 'text/javascript; charset=utf-8' }, body: SCRIPT };
}
