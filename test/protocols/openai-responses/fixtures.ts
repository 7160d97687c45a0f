// Test helpers for the Responses codec: our fixtures (test/fixtures/openai-responses) and small
// hub builders.
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { openaiResponsesCodec } from '../../../src/protocols/openai-responses/codec.ts';
import { readFixtureJson } from '../../helpers/fixtures.ts';

export const codec = openaiResponsesCodec;

export function ours(file: string): Record<string, unknown> {
  return readFixtureJson('openai-responses', file);
}

export function decodeReq(body: Record<string, unknown>, warnings = new Warnings()): HubRequest {
  return codec.decodeRequest(body, {}, warnings);
}

export function hubRequest(extra: Partial<HubRequest> = {}): HubRequest {
  return { model: 'test-model', system: [], items: [], tools: [], stream: false, ...extra };
}

export function hubResponse(extra: Partial<HubResponse> = {}): HubResponse {
  return {
    id: 'msg_01XYZ',
    model: 'test-model',
    output: [{ type: 'text', text: 'Hello from the upstream.' }],
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage: { input: 12, output: 6 },
    created: 1795392000,
    ...extra,
  };
}
