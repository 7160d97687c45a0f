// `generationConfig` ⇔ the hub's sampling, output-format and reasoning settings.
// https://ai.google.dev/api/generate-content#generationconfig ;
// thinking: https://ai.google.dev/gemini-api/docs/thinking (thinkingBudget 0 = off, -1 = dynamic).
import type { Schemas } from '../../../generated/gemini/index.ts';
import { EFFORT_TABLE, effortForGeminiLevel } from '../../hub/effort-budget.ts';
import type { HubReasoningConfig, HubRequest, HubResponseFormat } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, numberAt, ownEntry } from '../read-json.ts';
import { openApiToJsonSchema, toGeminiJsonSchema } from './convert-schema.ts';

type GenerationConfig = Schemas['GenerationConfig'];
type ThinkingConfig = Schemas['ThinkingConfig'];
type FromConfig = Pick<HubRequest, 'temperature' | 'topP' | 'topK' | 'maxOutputTokens' | 'stop' | 'seed' | 'presencePenalty' | 'frequencyPenalty' | 'n' | 'responseFormat' | 'reasoning'>;

/** Settings with no twin outside Gemini: dropped on purpose, with the reason. */
const DROPPED: Partial<Record<keyof GenerationConfig, string>> = {
  responseModalities: 'other upstreams answer in text only',
  responseLogprobs: 'log-probabilities are not carried through the hub',
  logprobs: 'log-probabilities are not carried through the hub',
  mediaResolution: 'no twin outside Gemini',
  speechConfig: 'speech output has no twin outside Gemini',
  imageConfig: 'image output has no twin outside Gemini',
  enableEnhancedCivicAnswers: 'no twin outside Gemini',
};
const READ = new Set(['temperature', 'topP', 'topK', 'maxOutputTokens', 'stopSequences', 'seed', 'presencePenalty', 'frequencyPenalty', 'candidateCount', 'responseMimeType', 'responseSchema', 'responseJsonSchema', 'thinkingConfig']);

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function decodeResponseFormat(config: GenerationConfig, warnings: Warnings): HubResponseFormat | undefined {
  const schema = isRecord(config.responseJsonSchema) ? config.responseJsonSchema : config.responseSchema ? openApiToJsonSchema(config.responseSchema) : undefined;
  if (config.responseMimeType === 'application/json') return schema ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
  if (config.responseMimeType !== undefined && config.responseMimeType !== 'text/plain') warnings.drop(`responseMimeType ${config.responseMimeType}`, 'only text and JSON output have twins');
  if (schema) warnings.drop('responseSchema', 'a response schema needs responseMimeType application/json');
  return undefined;
}

function decodeThinking(thinking: ThinkingConfig | undefined): HubReasoningConfig | undefined {
  if (!thinking) return undefined;
  const budget = numberAt(thinking.thinkingBudget);
  const reasoning = definedOnly<HubReasoningConfig>({
    enabled: budget === undefined ? undefined : budget !== 0,
    budgetTokens: budget !== undefined && budget > 0 ? budget : undefined,
    effort: thinking.thinkingLevel ? effortForGeminiLevel(thinking.thinkingLevel) : undefined,
    summary: thinking.includeThoughts === true ? 'auto' : undefined,
  });
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

export function decodeGenerationConfig(config: GenerationConfig | undefined, warnings: Warnings): FromConfig {
  if (!config) return {};
  for (const [key, value] of Object.entries(config)) {
    const why = ownEntry(DROPPED, key);
    // responseModalities ["TEXT"] is the default: nothing is lost by dropping it.
    if (key === 'responseModalities' && Array.isArray(value) && value.every((m) => m === 'TEXT')) continue;
    if (why) warnings.drop(`generationConfig.${key}`, why);
    else if (!READ.has(key)) warnings.drop(`generationConfig.${key}`, 'unknown to the gateway; not forwarded');
  }
  const stop = Array.isArray(config.stopSequences) ? config.stopSequences.filter((s) => typeof s === 'string') : undefined;
  return definedOnly<FromConfig>({
    temperature: numberAt(config.temperature),
    topP: numberAt(config.topP),
    topK: numberAt(config.topK),
    maxOutputTokens: numberAt(config.maxOutputTokens),
    stop,
    seed: numberAt(config.seed),
    presencePenalty: numberAt(config.presencePenalty),
    frequencyPenalty: numberAt(config.frequencyPenalty),
    n: numberAt(config.candidateCount),
    responseFormat: decodeResponseFormat(config, warnings),
    reasoning: decodeThinking(isRecord(config.thinkingConfig) ? config.thinkingConfig : undefined),
  });
}

/** Never both thinkingBudget and thinkingLevel: Gemini rejects the pair (https://ai.google.dev/gemini-api/docs/gemini-3). */
function encodeThinking(reasoning: HubReasoningConfig | undefined, warnings: Warnings): ThinkingConfig | undefined {
  if (!reasoning) return undefined;
  const thinking: ThinkingConfig = {};
  if (reasoning.enabled === false) thinking.thinkingBudget = 0;
  else if (reasoning.budgetTokens !== undefined) thinking.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) thinking.thinkingLevel = EFFORT_TABLE[reasoning.effort].geminiLevel;
  if (reasoning.enabled !== false && reasoning.summary !== undefined && reasoning.summary !== 'none') {
    thinking.includeThoughts = true;
    if (reasoning.summary !== 'auto') warnings.drop(`reasoning summary ${reasoning.summary}`, 'Gemini only turns thought summaries on (includeThoughts)');
  }
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}

function encodeResponseFormat(format: HubResponseFormat | undefined, warnings: Warnings): Partial<GenerationConfig> {
  switch (format?.type) {
    case undefined:
    case 'text':
      return {};
    case 'json_object':
      return { responseMimeType: 'application/json' };
    case 'json_schema':
      if ((format.name !== undefined && format.name !== 'response') || format.description !== undefined || format.strict !== undefined) {
        warnings.drop('response_format name/description/strict', 'Gemini takes only the schema itself');
      }
      return { responseMimeType: 'application/json', responseJsonSchema: toGeminiJsonSchema(format.schema) };
  }
}

export function encodeGenerationConfig(request: HubRequest, warnings: Warnings): GenerationConfig | undefined {
  const config = definedOnly<GenerationConfig>({
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
    topP: request.topP,
    topK: request.topK,
    stopSequences: request.stop,
    seed: request.seed,
    presencePenalty: request.presencePenalty,
    frequencyPenalty: request.frequencyPenalty,
    candidateCount: request.n,
    ...encodeResponseFormat(request.responseFormat, warnings),
    thinkingConfig: encodeThinking(request.reasoning, warnings),
  });
  return Object.keys(config).length > 0 ? config : undefined;
}
