// The request settings a Responses answer reports. OpenAI returns every request parameter on the
// Response object, defaults filled in (https://platform.openai.com/docs/api-reference/responses/object),
// and strict readers require them all: the Open Responses `ResponseResource` schema, zod and
// pydantic models. Each field reports the setting that governed this answer: the client's value
// when the gateway honoured it, else OpenAI's default. A setting the decoder dropped with a warning
// (store, background, service_tier, truncation, top_logprobs: none exists across protocols) reports
// the default too, so the answer never claims what did not happen.
// The hub keeps only what converts; labels it has no field for (`instructions` as written,
// `metadata`, `user`, `safety_identifier`, `prompt_cache_key`, `max_tool_calls`) are read from the
// client's body, which decodeRequest leaves here keyed by the hub request it made. A WeakMap:
// nothing is added to the hub, and nothing outlives the request.
import type { HubRequest, HubResponseFormat } from '../../hub/hub-request.ts';
import { Warnings } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, numberAt, stringAt } from '../read-json.ts';
import { encodeTextFormat } from './convert-text-format.ts';
import { encodeToolChoice, encodeTools } from './convert-tools.ts';

const bodies = new WeakMap<HubRequest, JsonObject>();

/** Called by decodeRequest: the client's body, for echoRequest to read the labels the hub does not keep. */
export function keepRequestBody(request: HubRequest, body: JsonObject): void {
  bodies.set(request, body);
}

/** OpenAI returns a json_schema format with `description` and `strict` always present. */
function echoTextFormat(format: HubResponseFormat): JsonObject {
  const encoded = encodeTextFormat(format);
  if (format.type !== 'json_schema') return encoded;
  return { ...encoded, description: format.description ?? null, strict: format.strict ?? false };
}

/**
 * The tools the model was offered, in Responses form: built-ins the upstream cannot run were left
 * out and Codex namespaces flattened, so this is the hub's list, not the body's. A function tool
 * carries `description`, `parameters` and `strict` always, as OpenAI returns it.
 */
function echoTools(request: HubRequest): JsonObject[] {
  // Only cache_control would warn, and a Responses client never sets it: nothing to report.
  return encodeTools(request.tools, new Warnings()).map((tool) => (tool.type === 'function' ? { description: null, ...tool } : tool));
}

/** Every request setting of a Response object, by OpenAI's field names. */
export function echoRequest(request: HubRequest): JsonObject {
  const body = bodies.get(request) ?? {};
  const summary = request.reasoning?.summary;
  return {
    // Never run in the background: the decoder drops `background` (nothing is stored to poll).
    background: false,
    instructions: stringAt(body.instructions) ?? null,
    // The limit that applied: the client's, or the configured default the gateway sent upstream.
    max_output_tokens: request.maxOutputTokens ?? null,
    max_tool_calls: numberAt(body.max_tool_calls) ?? null,
    parallel_tool_calls: request.parallelToolCalls ?? true,
    // A request that had one was refused (the gateway stores no responses).
    previous_response_id: null,
    prompt_cache_key: stringAt(body.prompt_cache_key) ?? null,
    // An OpenAI cache policy the decoder drops: none applied.
    prompt_cache_retention: null,
    // The effort that applied: the client's, or the configured default.
    reasoning: { effort: request.reasoning?.effort ?? null, summary: summary === 'none' ? null : (summary ?? null) },
    safety_identifier: stringAt(body.safety_identifier) ?? null,
    // OpenAI reports the tier that served the request, not the one asked for; no OpenAI tier served this one.
    service_tier: 'default',
    // The gateway keeps the response unless the client said not to (handlers/responses-state.ts).
    store: body.store !== false,
    temperature: request.temperature ?? 1,
    // `verbosity` is dropped by the decoder: the model's default ("medium") applied.
    text: { format: echoTextFormat(request.responseFormat ?? { type: 'text' }), verbosity: 'medium' },
    tool_choice: encodeToolChoice(request.toolChoice ?? { type: 'auto' }, request.tools),
    tools: echoTools(request),
    // No log probabilities are converted (every output_text has `logprobs: []`).
    top_logprobs: 0,
    top_p: request.topP ?? 1,
    presence_penalty: request.presencePenalty ?? 0,
    frequency_penalty: request.frequencyPenalty ?? 0,
    // No upstream truncates the input for us: an oversized one fails, as with "disabled".
    truncation: 'disabled',
    user: stringAt(body.user) ?? null,
    metadata: isRecord(body.metadata) ? body.metadata : {},
  };
}
