// test/fixtures/config/routing.jsonc, parsed and validated as the gateway does at start-up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { FIXTURES } from './fixtures.ts';

export const ROUTING_CONFIG_TEXT = readFileSync(join(FIXTURES, 'config', 'routing.jsonc'), 'utf8');

export const routingConfig = (): AnyApiConfig => parseConfig(ROUTING_CONFIG_TEXT);
