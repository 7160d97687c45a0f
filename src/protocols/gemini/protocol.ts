// Google Gemini: POST /v1beta/models/{model}:generateContent | :streamGenerateContent?alt=sse
// | :countTokens. The model is in the URL; a body `model` field, if any, is left alone.
import { jsonSchemas, validators } from '../../../generated/gemini/index.ts';
import { createValidator } from '../../validation/validate.ts';
import type { Protocol } from '../protocol.ts';

export const gemini: Protocol = {
  id: 'gemini',
  apiVersion: 'v1beta',
  validators: {
    generate: createValidator(validators.GenerateContentRequest, 'GenerateContentRequest', jsonSchemas),
    'count-tokens': createValidator(validators.CountTokensRequest, 'CountTokensRequest', jsonSchemas),
  },
  modelOf: (_body, target) => target.pathModel,
  modelParam: 'the URL path (models/<provider>.<model>:<method>)',
  isStream: (_body, target) => target.pathStream === true,
  upstreamPath: (operation, model, stream) => {
    const name = model;
    if (operation === 'count-tokens') return `/models/${name}:countTokens`;
    return stream ? `/models/${name}:streamGenerateContent?alt=sse` : `/models/${name}:generateContent`;
  },
  withUpstreamModel: (body) => body,
};
