// GET /: the status page, one static HTML document with no build step and no framework. It
// holds no config and no secret: its script (status-script.ts) asks /_any-api/status for the
// names to show and /_any-api/dry-run for the inspector, with the gateway key typed into the
// page (kept in the page's memory only, sent only to this gateway). A TS module exporting a
// string, so the Node and Workers bundles both carry it with no loader rules.
import type { GatewayAnswer } from '../http/exchange.ts';
import { STATUS_SCRIPT_PATH } from './status-script.ts';

export const STATUS_PAGE_PATH = '/';

/**
 * The page runs only its own script, talks only to its own origin, and cannot be framed.
 * Styles are inline (one <style> element): nothing in them can run.
 */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>any-api status</title>
<link rel="icon" href="data:,">
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem; color: #1b1b1b; background: #fafafa; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ddd; }
  table { border-collapse: collapse; width: 100%; background: #fff; } td, th { text-align: left; padding: .25rem .5rem; border: 1px solid #e3e3e3; vertical-align: top; }
  code, pre, textarea, input, select { font: 13px/1.4 ui-monospace, monospace; }
  pre { background: #fff; border: 1px solid #e3e3e3; padding: .5rem; overflow: auto; max-height: 28rem; margin: .25rem 0; }
  textarea { width: 100%; min-height: 14rem; box-sizing: border-box; }
  input[type=text], input[type=password] { width: 28rem; max-width: 100%; }
  .row { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; margin: .4rem 0; }
  .muted { color: #666; } .error { color: #a40000; white-space: pre-wrap; } .warn li { color: #8a5300; }
  button { padding: .3rem .9rem; }
</style>
</head>
<body>
<h1>any-api <span id="version" class="muted"></span></h1>
<p class="muted">Config names only: this page never shows keys.</p>
<div class="row">
  <label for="key">Gateway key</label>
  <input id="key" type="password" autocomplete="off" placeholder="only if the gateway has keys">
  <button id="load" type="button">Load</button>
  <span id="status" class="muted"></span>
</div>

<h2>Providers and models</h2>
<table><thead><tr><th>Provider</th><th>Type</th><th>Models (client name → upstream model)</th></tr></thead><tbody id="providers"></tbody></table>

<h2>Aliases</h2>
<table><thead><tr><th>Name</th><th>Targets, in order</th></tr></thead><tbody id="aliases"></tbody></table>

<h2>Dry run</h2>
<p class="muted">What the gateway would send upstream for a request: the same route, checks, model resolution and conversion as a real call, with the upstream call left out.</p>
<div class="row">
  <label for="sample">Inbound protocol</label>
  <select id="sample"></select>
  <label for="model">Model</label>
  <select id="model"></select>
</div>
<div class="row"><label for="path">Path</label><input id="path" type="text"></div>
<textarea id="body" spellcheck="false" aria-label="Request body"></textarea>
<div class="row"><button id="run" type="button">Dry run</button><span id="run-status" class="muted"></span></div>
<div id="result">
  <p id="out-error" class="error"></p>
  <h3>Upstream request</h3>
  <pre id="out-url"></pre>
  <h3>Headers</h3>
  <pre id="out-headers"></pre>
  <h3>Body</h3>
  <pre id="out-body"></pre>
  <h3>Warnings</h3>
  <ul id="out-warnings" class="warn"></ul>
</div>

<h2>Routes</h2>
<table><thead><tr><th>Method</th><th>Path</th></tr></thead><tbody id="routes"></tbody></table>
<script src="${STATUS_SCRIPT_PATH}"></script>
</body>
</html>
`;

export function statusPage(): GatewayAnswer {
  return { status: 200, headers: { ...PAGE_SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body: PAGE };
}
