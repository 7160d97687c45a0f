// The status page's routes: the page and its script need no key and hold no config; the
// names come from /_any-api/status, keyed like /v1/models; the version is package.json's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { VERSION } from '../../src/status/version.ts';
import { configFor, UPSTREAM_KEYS } from '../helpers/gateway.ts';
import { envWith, inProcessApp } from '../helpers/in-process.ts';

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://gateway.test${path}`, { headers });
const config = { ...configFor('http://upstream.test'), aliases: { fast: 'chat.test-model' } };

describe('status routes', () => {
  it('serves the page and its script without a key, with a CSP that allows only its own script', async () => {
    const { app } = inProcessApp();
    const page = await app.fetch(get('/'), envWith(config));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/_any-api/status.js"></script>');
    expect(html).not.toContain('chat.test-model'); // names come from the keyed endpoint
    const script = await app.fetch(get('/_any-api/status.js'), envWith(config));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('/_any-api/dry-run');
  });

  it('lists providers, models, aliases and routes with the key, and no secret', async () => {
    const { app } = inProcessApp();
    const response = await app.fetch(get('/_any-api/status', { authorization: 'Bearer k-main' }), envWith(config));
    expect(response.status).toBe(200);
    const text = await response.text();
    const info = JSON.parse(text) as { version: string; providers: { id: string; models: { id: string }[] }[]; aliases: unknown[]; routes: { path: string }[] };
    expect(info.version).toBe(VERSION);
    expect(info.providers.map((p) => p.id)).toEqual(['chat', 'responses', 'claude', 'gemini']);
    expect(info.providers[0]?.models.map((m) => m.id)).toEqual(['chat.test-model', 'chat.gpt-5.2']);
    expect(info.aliases).toEqual([{ name: 'fast', targets: ['chat.test-model'] }]);
    expect(info.routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/', '/_any-api/dry-run', '/v1/chat/completions', '/claude/v1/messages']));
    for (const key of Object.values(UPSTREAM_KEYS)) expect(text).not.toContain(key);
    expect(text).not.toContain('upstream.test'); // base URLs are not shown
  });

  it('keys the config names like /v1/models: 401 without the key', async () => {
    const { app } = inProcessApp();
    expect((await app.fetch(get('/_any-api/status'), envWith(config))).status).toBe(401);
    expect((await app.fetch(get('/v1/models'), envWith(config))).status).toBe(401);
  });

  it('works without a key on a gateway that has none (Node on loopback)', async () => {
    const app = createApp({ allowUnauthenticated: true, fetch: () => Promise.reject(new Error('no upstream in this test')) });
    const env = { ANY_API_CONFIG: JSON.stringify(config) };
    expect((await app.fetch(get('/_any-api/status'), env)).status).toBe(200);
    const dryRun = new Request('http://gateway.test/_any-api/dry-run', { method: 'POST', body: JSON.stringify({ path: '/v1/chat/completions', body: { model: 'claude.test-model', messages: [{ role: 'user', content: 'hi' }] } }) });
    const answer = await app.fetch(dryRun, env);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ upstream: { url: 'http://upstream.test/v1/messages' } });
  });

  it("shows package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
