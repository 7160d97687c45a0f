// An image URL headed for an upstream that cannot fetch URLs (Gemini) is fetched by the
// gateway and inlined, behind a guard: only https and public hosts unless configured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { upstreamReply } from '../helpers/fixtures.ts';
import { configFor } from '../helpers/gateway.ts';
import { envWith, post } from '../helpers/in-process.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let mediaUrl = '';
let mediaRequests = 0;
const media = createServer((_req, res) => {
  mediaRequests++;
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/cat.png`;
});
afterAll(() => new Promise((resolve) => media.close(resolve)));

async function sendImageToGemini(config: AnyApiConfig) {
  const sent: unknown[] = [];
  const app = createApp({
    fetch: async (request) => {
      if (!request.url.startsWith('https://upstream.test')) return fetch(request);
      sent.push(await request.json());
      const reply = upstreamReply('gemini', 'text');
      return new Response(reply.body, { headers: reply.headers });
    },
  });
  const body = { model: 'gemini.test-model', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image_url', image_url: { url: mediaUrl } }] }] };
  const response = await app.fetch(post('/v1/chat/completions', body, { authorization: 'Bearer k-main' }), envWith(config));
  expect(response.status).toBe(200);
  return { upstream: JSON.stringify(sent[0]), warnings: response.headers.get('x-any-api-warnings') ?? '' };
}

it('fetches and inlines the image when the provider allows private networks', async () => {
  const config = configFor('https://upstream.test');
  config.providers.gemini!.options = { mediaFetch: { allowPrivateNetworks: true } };
  const { upstream } = await sendImageToGemini(config);
  expect(upstream).toContain(`"inlineData":{"mimeType":"image/png","data":"${PNG.toString('base64')}"}`);
});

it('refuses loopback and plain-http URLs by default: a placeholder and a warning, no request made', async () => {
  mediaRequests = 0;
  const { upstream, warnings } = await sendImageToGemini(configFor('https://upstream.test'));
  expect(mediaRequests).toBe(0);
  expect(upstream).toContain('[image not available:');
  expect(warnings).toContain('could not be inlined');
});
