// The status page at GET / in a real (headless) browser: it shows the config's names, and
// its dry-run inspector shows exactly what a real call then sends the upstream.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFor, GATEWAY_KEY, startGateway, UPSTREAM_KEYS, type RunningGateway } from '../helpers/gateway.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const CHAT_ANSWER = readFileSync(join(FIXTURES, 'dry-run', 'chat-answer.json'), 'utf8');

let browser: Browser;
let upstream: MockUpstream;
let gateway: RunningGateway;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  upstream = await startMockUpstream(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: CHAT_ANSWER }));
  const config = { ...configFor(upstream.url), aliases: { 'fast-chat': 'chat.test-model', 'claude-*': ['claude.test-model', 'chat.test-model'] } };
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Refused requests (the 401 before the key, the 400 on purpose) log as console errors too: only CSP refusals count here.
  page.on('console', (message) => { if (message.text().includes('Content Security Policy')) pageErrors.push(message.text()); });
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await upstream?.close();
});

const text = (selector: string) => page.locator(selector).innerText();

describe('status page', () => {
  it('asks for the key, then shows the version, providers, models, aliases and routes', async () => {
    await page.goto(`${gateway.url}/`);
    await expect.poll(() => text('#status')).toContain('needs its key');
    await page.fill('#key', GATEWAY_KEY);
    await page.click('#load');
    await expect.poll(() => text('#version')).toBe('v0.1.0');
    const providers = await text('#providers');
    for (const id of ['chat', 'responses', 'claude', 'gemini']) expect(providers).toContain(id);
    expect(providers).toContain('chat.gpt-5.2 → gpt-5.2-upstream');
    const aliases = await text('#aliases');
    expect(aliases).toContain('fast-chat');
    expect(aliases).toContain('claude.test-model → chat.test-model');
    expect(await text('#routes')).toContain('/claude/v1/messages');
    const html = await page.content();
    for (const key of Object.values(UPSTREAM_KEYS)) expect(html).not.toContain(key);
  });

  it("dry-runs a Claude request for a Chat model and shows the upstream request; a real call sends that body", async () => {
    await page.selectOption('#sample', 'claude');
    await page.selectOption('#model', 'chat.test-model');
    expect(await page.inputValue('#path')).toBe('/claude/v1/messages');
    await page.click('#run');
    await expect.poll(() => text('#out-url')).toBe(`POST ${upstream.url}/v1/chat/completions`);
    const headers = await text('#out-headers');
    expect(headers).toContain('authorization: [redacted]');
    expect(headers).toContain('content-type: application/json');
    expect(headers).not.toContain(UPSTREAM_KEYS['openai-chat-completions']);
    const shownBody = JSON.parse(await text('#out-body')) as Record<string, unknown>;
    expect(shownBody).toMatchObject({ model: 'test-model', max_completion_tokens: 256, messages: [{ role: 'system' }, { role: 'user' }] });
    expect(await text('#out-warnings')).toContain('top_k');
    expect(upstream.requests).toHaveLength(0); // the dry run called nobody
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'status-page.png'), fullPage: true });

    // The same request, for real: the upstream receives exactly the body the page showed.
    const response = await fetch(`${gateway.url}${await page.inputValue('#path')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': GATEWAY_KEY },
      body: await page.inputValue('#body'),
    });
    expect(response.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.body).toEqual(shownBody);
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEYS['openai-chat-completions']}`);
  });

  it('shows a request the route refuses as that route would answer it', async () => {
    await page.fill('#body', '{"model": "chat.test-model", "messages": [');
    await page.click('#run');
    await expect.poll(() => text('#out-error')).toContain('HTTP 400');
    expect(await text('#out-error')).toContain('invalid_request_error');
    expect(await text('#out-url')).toBe('');
    expect(pageErrors).toEqual([]); // the CSP let the page run its own script, and it threw nothing
  });
});
