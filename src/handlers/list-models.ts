// Model lists come from the config: every `provider.model` id and alias, in three shapes,
// with the display name and token limits the config gives (Claude Code sizes its context
// meter by `max_input_tokens`). Answered from memory, no upstream call: Claude Code asks
// `/v1/models?limit=1000` at start-up and waits for it. Query parameters (`limit`, `after_id`,
// `pageSize`) are accepted; the whole list is one page.
import { targetList } from '../config/alias-targets.ts';
import type { AnyApiConfig, ModelConfig } from '../config/config-types.ts';
import { configuredModel, resolveModel } from '../config/resolve-model.ts';
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';

const EPOCH = '1970-01-01T00:00:00Z';

interface ListedModel {
  id: string;
  /** The provider that serves it (an alias: its first configured target's). */
  providerId: string;
  model: ModelConfig;
}

/**
 * Every configured `provider.model`, then every alias (a `*` name as written: a client that
 * picks it sends it back, and it matches itself) with its first configured target's details.
 * Aliases that lead nowhere, or that a configured model hides, are left out: they cannot serve.
 */
function listedModels(config: AnyApiConfig): ListedModel[] {
  const models = Object.entries(config.providers).flatMap(([providerId, provider]) =>
    Object.entries(provider.models).map(([name, model]): ListedModel => ({ id: `${providerId}.${name}`, providerId, model })));
  for (const [name, target] of Object.entries(config.aliases ?? {})) {
    if (configuredModel(config, name)) continue;
    const first = targetList(target).map((id) => configuredModel(config, id)).find((found) => found !== undefined);
    if (first) models.push({ id: name, providerId: first.providerId, model: first.model });
  }
  return models;
}

/** OpenAI `GET /v1/models`. */
export function openaiModelList(config: AnyApiConfig): GatewayAnswer {
  return jsonAnswer({
    object: 'list',
    data: listedModels(config).map(({ id, providerId }) => ({ id, object: 'model', created: 0, owned_by: providerId })),
  });
}

/**
 * `GET /claude/v1/models`: Anthropic's page shape (`data`, `has_more`, `first_id`, `last_id`)
 * whose entries also carry OpenAI's fields, so both SDKs' `models.list()` read it.
 * https://docs.anthropic.com/en/api/models-list
 */
export function claudeModelList(config: AnyApiConfig): GatewayAnswer {
  const data = listedModels(config).map(({ id, providerId, model }) => ({
    type: 'model',
    id,
    display_name: model.displayName ?? id,
    created_at: EPOCH,
    ...(model.maxInputTokens === undefined ? {} : { max_input_tokens: model.maxInputTokens }),
    ...(model.maxOutputTokens === undefined ? {} : { max_tokens: model.maxOutputTokens }),
    object: 'model',
    created: 0,
    owned_by: providerId,
  }));
  return jsonAnswer({ object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
}

/** https://ai.google.dev/api/models#Model */
function geminiModel(id: string, model: ModelConfig): Record<string, unknown> {
  return {
    name: `models/${id}`,
    baseModelId: id,
    version: '1',
    displayName: model.displayName ?? id,
    description: `any-api model ${id}`,
    ...(model.maxInputTokens === undefined ? {} : { inputTokenLimit: model.maxInputTokens }),
    ...(model.maxOutputTokens === undefined ? {} : { outputTokenLimit: model.maxOutputTokens }),
    supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
  };
}

/** Gemini `GET /v1beta/models`. */
export function geminiModelList(config: AnyApiConfig): GatewayAnswer {
  return jsonAnswer({ models: listedModels(config).map(({ id, model }) => geminiModel(id, model)) });
}

/** Gemini `GET /v1beta/models/{provider.model or alias}`, named as the client asked for it. */
export function geminiModelGet(config: AnyApiConfig, id: string): GatewayAnswer {
  const resolved = resolveModel(config, id, 'the URL path');
  return jsonAnswer(geminiModel(resolved.requested, resolved.model));
}
