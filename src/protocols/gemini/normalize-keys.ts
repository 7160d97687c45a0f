// Proto-JSON leniency: the Gemini API accepts snake_case keys (`system_instruction`,
// `inline_data`, `parameters_json_schema`, …) and base64url bytes as well as the documented
// lowerCamelCase / standard base64, as proto3 JSON parsing does (google-genai for Python sends
// both; https://protobuf.dev/programming-guides/json/ , test/fixtures/gemini/client-snake-case.request.json).
// Requests are normalised once, here, so the decoders read one shape.
import { isRecord } from '../read-json.ts';

/** Protocol keys that have a snake_case alias; anything else is left as written. */
const CAMEL_KEYS = [
  'systemInstruction', 'generationConfig', 'toolConfig', 'safetySettings', 'cachedContent', 'serviceTier',
  'inlineData', 'fileData', 'mimeType', 'fileUri', 'displayName', 'functionCall', 'functionResponse',
  'executableCode', 'codeExecutionResult', 'toolCall', 'toolResponse', 'thoughtSignature', 'videoMetadata',
  'mediaResolution', 'mediaProcessing', 'partMetadata', 'willContinue',
  'functionDeclarations', 'parametersJsonSchema', 'responseJsonSchema', 'googleSearch', 'googleSearchRetrieval',
  'codeExecution', 'urlContext', 'fileSearch', 'googleMaps', 'computerUse', 'mcpServers',
  'functionCallingConfig', 'allowedFunctionNames', 'retrievalConfig', 'includeServerSideToolInvocations',
  'topP', 'topK', 'candidateCount', 'maxOutputTokens', 'stopSequences', 'presencePenalty', 'frequencyPenalty',
  'responseMimeType', 'responseSchema', 'responseModalities', 'responseLogprobs', 'thinkingConfig',
  'includeThoughts', 'thinkingBudget', 'thinkingLevel', 'speechConfig', 'imageConfig', 'enableEnhancedCivicAnswers',
  'generateContentRequest',
] as const;

const CAMEL_OF = new Map<string, string>(CAMEL_KEYS.map((key) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), key]));

/**
 * Values that belong to the client, not to the protocol: function arguments, function results
 * and JSON schemas. Their keys are data (a tool may well have a `max_output_tokens` parameter)
 * and are never renamed.
 */
const FREE_FORM = new Set(['args', 'response', 'parameters', 'parametersJsonSchema', 'responseSchema', 'responseJsonSchema', 'partMetadata']);

/** Renames known snake_case keys to camelCase, recursively, outside free-form payloads. */
export function normalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeKeys);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const camel = CAMEL_OF.get(key) ?? key;
    // When both spellings are present the documented camelCase one wins.
    if (camel !== key && camel in value) continue;
    out[camel] = FREE_FORM.has(camel) ? child : normalizeKeys(child);
  }
  return out;
}

export interface SnakeCaseScan {
  /** normalizeKeys would rename something: a known snake_case key outside free-form payloads. */
  found: boolean;
  /** The first object that has a field in both spellings (JSON Pointer of the snake_case one). */
  clash?: { pointer: string; snake: string; camel: string };
}

const NOTHING: SnakeCaseScan = { found: false };
const RENAMES: SnakeCaseScan = { found: true };

/** `clash` one level further down: its pointer gains the key or index it was found under. */
function under(segment: string, scan: SnakeCaseScan): SnakeCaseScan {
  if (!scan.clash) return scan;
  const escaped = segment.replace(/~/g, '~0').replace(/\//g, '~1');
  return { found: true, clash: { ...scan.clash, pointer: `/${escaped}${scan.clash.pointer}` } };
}

/** What normalizeKeys would do to `value`, without copying it (it runs on every Gemini request). */
export function scanSnakeCaseKeys(value: unknown): SnakeCaseScan {
  let found = false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = scanSnakeCaseKeys(value[i]);
      if (inner.clash) return under(String(i), inner);
      found ||= inner.found;
    }
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const camel = CAMEL_OF.get(key);
      if (camel !== undefined) {
        found = true;
        if (Object.hasOwn(value, camel)) return { found, clash: { pointer: `/${key}`, snake: key, camel } };
      }
      if (FREE_FORM.has(camel ?? key)) continue;
      const inner = scanSnakeCaseKeys(child);
      if (inner.clash) return under(key, inner);
      found ||= inner.found;
    }
  }
  return found ? RENAMES : NOTHING;
}

/** base64url (`-`, `_`, no padding) → standard base64, which every other protocol expects. */
export function toStandardBase64(data: string): string {
  const standard = data.replace(/-/g, '+').replace(/_/g, '/');
  return standard.includes('=') ? standard : standard.padEnd(Math.ceil(standard.length / 4) * 4, '=');
}
