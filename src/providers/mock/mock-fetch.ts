// The `mock` provider type: an in-process upstream that speaks all four protocols, reached
// through the same upstream call path as a real one (so pass-through is exercised end to end)
// but with no network. It serves the embedded default config. It answers by path, so it is also
// the upstream of a provider of a real type whose baseURL is the mock origin (mock-origin.ts).
import { mockClaude, mockClaudeCountTokens } from './mock-claude.ts';
import { echoScript, lastUserText } from './echo-script.ts';
import { mockGemini, mockGeminiCountTokens } from './mock-gemini.ts';
import { mockChat } from './mock-openai-chat.ts';
import { mockResponses, mockResponsesInputTokens } from './mock-openai-responses.ts';

export async function mockFetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const text = await request.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  const path = url.pathname;
  const stream = body.stream === true;
  const prompt = lastUserText(body.messages ?? body.input ?? body.contents);
  const script = echoScript(prompt, text);
  if (path.endsWith('/chat/completions')) return mockChat(script, body, stream);
  if (path.endsWith('/responses/input_tokens')) return mockResponsesInputTokens(script);
  if (path.endsWith('/responses')) return mockResponses(script, body, stream);
  if (path.endsWith('/messages/count_tokens')) return mockClaudeCountTokens(script);
  if (path.endsWith('/messages')) return mockClaude(script, body, stream);
  const gemini = /\/models\/([^/]+):(generateContent|streamGenerateContent|countTokens)$/.exec(path);
  if (gemini?.[1] && gemini[2] === 'countTokens') return mockGeminiCountTokens(script);
  if (gemini?.[1]) return mockGemini(script, decodeURIComponent(gemini[1]), gemini[2] === 'streamGenerateContent', url.searchParams.get('alt') === 'sse');
  return Response.json({ error: { message: `mock provider: no such endpoint ${path}` } }, { status: 404 });
}
