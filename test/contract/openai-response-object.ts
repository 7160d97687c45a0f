// A strict reader's view of OpenAI's Response object (`POST /v1/responses`, and the `response` of
// every lifecycle stream event), written in zod as typed clients write it: every field OpenAI
// always returns is required with its type enforced, as in the Open Responses `ResponseResource`
// schema and the official SDKs' models; unknown extra fields pass (no `.strict()`: APIs grow).
// Modelled on the OpenAI OpenAPI `Response` schema and the Open Responses spec
// (https://platform.openai.com/docs/api-reference/responses/object, https://www.openresponses.org).
import { z } from 'zod';

const OutputText = z.object({ type: z.literal('output_text'), text: z.string(), annotations: z.array(z.unknown()), logprobs: z.array(z.unknown()).optional() });
const Refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });
const ItemStatus = z.enum(['in_progress', 'completed', 'incomplete']);

const OutputItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), id: z.string().min(1), role: z.literal('assistant'), status: ItemStatus, content: z.array(z.discriminatedUnion('type', [OutputText, Refusal])) }),
  z.object({ type: z.literal('function_call'), id: z.string().min(1), call_id: z.string().min(1), name: z.string(), arguments: z.string(), status: ItemStatus }),
  z.object({ type: z.literal('custom_tool_call'), id: z.string().min(1), call_id: z.string().min(1), name: z.string(), input: z.string() }),
  z.object({
    type: z.literal('reasoning'),
    id: z.string().min(1),
    summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })),
    content: z.array(z.object({ type: z.literal('reasoning_text'), text: z.string() })).nullish(),
    encrypted_content: z.string().nullish(),
  }),
]);

/** The tools a converted request can offer: functions (all four fields, as OpenAI returns them) and custom tools. */
const Tool = z.discriminatedUnion('type', [
  z.object({ type: z.literal('function'), name: z.string(), description: z.string().nullable(), parameters: z.record(z.string(), z.unknown()).nullable(), strict: z.boolean().nullable() }),
  z.object({ type: z.literal('custom'), name: z.string(), description: z.string().optional(), format: z.unknown().optional() }),
]);

const ToolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.enum(['function', 'custom']), name: z.string() }),
  z.object({ type: z.literal('allowed_tools'), mode: z.enum(['auto', 'required']), tools: z.array(z.object({ type: z.string() })) }),
]);

const TextFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({ type: z.literal('json_schema'), name: z.string(), description: z.string().nullable(), schema: z.record(z.string(), z.unknown()), strict: z.boolean().nullable() }),
]);

const Usage = z.object({
  input_tokens: z.int().nonnegative(),
  input_tokens_details: z.object({ cached_tokens: z.int().nonnegative() }),
  output_tokens: z.int().nonnegative(),
  output_tokens_details: z.object({ reasoning_tokens: z.int().nonnegative() }),
  total_tokens: z.int().nonnegative(),
});

const unixSeconds = z.int().positive();

export const ResponseObject = z
  .object({
    id: z.string().startsWith('resp_'),
    object: z.literal('response'),
    created_at: unixSeconds,
    status: z.enum(['completed', 'failed', 'in_progress', 'cancelled', 'queued', 'incomplete']),
    completed_at: unixSeconds.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    incomplete_details: z.object({ reason: z.enum(['max_output_tokens', 'content_filter']) }).nullable(),
    instructions: z.union([z.string(), z.array(z.unknown())]).nullable(),
    max_output_tokens: z.int().nullable(),
    max_tool_calls: z.int().nullable(),
    model: z.string().min(1),
    output: z.array(OutputItem),
    parallel_tool_calls: z.boolean(),
    previous_response_id: z.string().nullable(),
    prompt_cache_key: z.string().nullable(),
    reasoning: z.object({ effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullable(), summary: z.enum(['auto', 'concise', 'detailed']).nullable() }).nullable(),
    safety_identifier: z.string().nullable(),
    service_tier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']),
    store: z.boolean(),
    background: z.boolean(),
    temperature: z.number().min(0).max(2),
    top_p: z.number().min(0).max(1),
    top_logprobs: z.int().min(0).max(20),
    presence_penalty: z.number().min(-2).max(2),
    frequency_penalty: z.number().min(-2).max(2),
    text: z.object({ format: TextFormat, verbosity: z.enum(['low', 'medium', 'high']).optional() }),
    tool_choice: ToolChoice,
    tools: z.array(Tool),
    truncation: z.enum(['auto', 'disabled']),
    usage: Usage.nullable(),
    user: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
  })
  // "Only present when the status is `completed`" (OpenAI's completed_at).
  .refine((r) => (r.status === 'completed') === (r.completed_at !== null), { message: 'completed_at must be set exactly when status is completed', path: ['completed_at'] })
  .refine((r) => r.completed_at === null || r.completed_at >= r.created_at, { message: 'completed_at before created_at', path: ['completed_at'] });

/** '' when valid, else every issue as `path: message` (for a readable assertion). */
export function responseObjectIssues(value: unknown): string {
  const result = ResponseObject.safeParse(value);
  return result.success ? '' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}
