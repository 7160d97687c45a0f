// The CLIs recorded, pinned, and how each is pointed at a base URL and run headless with no
// prompt for approval. Each client gets its own HOME and config directories (see main.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TASK_FILE = 'hello.txt';
export const TASK_CONTENT = 'hi';
export const FAKE_KEY = 'rec-fake-key-0123456789';

export interface RunDirs {
  home: string;
  work: string;
}

export interface ClientRun {
  /** Fixture file name, without `.jsonl`. */
  name: string;
  /** npm package spec, pinned. */
  pkg: string;
  bin: string;
  args(task: string, dirs: RunDirs): string[];
  /** Writes config files and returns the environment, given the recorder's base URL. */
  prepare(base: string, dirs: RunDirs): Record<string, string>;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

// https://docs.anthropic.com/en/docs/claude-code/settings#environment-variables
const claude: ClientRun = {
  name: 'claude',
  pkg: '@anthropic-ai/claude-code@2.1.330',
  bin: 'claude',
  args: (task) => ['-p', task, '--output-format', 'json', '--permission-mode', 'acceptEdits', '--model', 'rec-claude.test-model'],
  prepare: (base, dirs) => ({
    ANTHROPIC_BASE_URL: `${base}/claude`,
    ANTHROPIC_API_KEY: FAKE_KEY,
    CLAUDE_CONFIG_DIR: join(dirs.home, '.claude'),
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_MAX_RETRIES: '1',
  }),
};

// https://github.com/openai/codex/blob/main/docs/config.md#model_providers
const codex: ClientRun = {
  name: 'codex',
  pkg: '@openai/codex@0.169.0',
  bin: 'codex',
  args: (task, dirs) => ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '-C', dirs.work, task],
  prepare: (base, dirs) => {
    const codexHome = join(dirs.home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(join(codexHome, 'config.toml'), [
      'model = "rec-responses.test-model"',
      'model_provider = "rec"',
      '[model_providers.rec]',
      'name = "Recorder"',
      `base_url = "${base}/openai/v1"`,
      'env_key = "REC_API_KEY"',
      'wire_api = "responses"',
      'request_max_retries = 1',
      'stream_max_retries = 1',
      '',
    ].join('\n'));
    return { CODEX_HOME: codexHome, REC_API_KEY: FAKE_KEY };
  },
};

// https://github.com/google-gemini/gemini-cli/blob/main/docs/get-started/configuration.md
const gemini: ClientRun = {
  name: 'gemini',
  pkg: '@google/gemini-cli@0.61.0',
  bin: 'gemini',
  args: (task) => ['-p', task, '--yolo', '-m', 'rec-gemini.test-model', '--output-format', 'json'],
  prepare: (base, dirs) => {
    // With only GOOGLE_GEMINI_BASE_URL set, 0.61.0 picks an auth type its headless mode rejects
    // ("Invalid auth method selected."); naming the API-key type keeps the base URL in use.
    writeJson(join(dirs.home, '.gemini', 'settings.json'), {
      security: { auth: { selectedType: 'gemini-api-key' } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false, maxAttempts: 1 },
    });
    return { GOOGLE_GEMINI_BASE_URL: `${base}/gemini`, GEMINI_API_KEY: FAKE_KEY, GEMINI_CLI_HOME: dirs.home, GEMINI_CLI_TRUST_WORKSPACE: 'true' };
  },
};

// https://opencode.ai/docs/providers/#custom-provider — one run per AI SDK provider it bundles.
function opencode(kind: string, npm: string, baseUrl: (base: string) => string, model: string): ClientRun {
  return {
    name: `opencode-${kind}`,
    pkg: 'opencode-ai@1.18.33',
    bin: 'opencode',
    args: (task) => ['run', task],
    prepare: (base, dirs) => {
      writeJson(join(dirs.work, 'opencode.json'), {
        $schema: 'https://opencode.ai/config.json',
        provider: { rec: { npm, name: 'Recorder', options: { baseURL: baseUrl(base), apiKey: FAKE_KEY }, models: { [model]: { name: model, tool_call: true } } } },
        model: `rec/${model}`,
        small_model: `rec/${model}`,
        permission: { edit: 'allow', bash: 'allow' },
        autoupdate: false,
        share: 'disabled',
      });
      return { OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_LSP_DOWNLOAD: '1' };
    },
  };
}

export const CLIENTS: ClientRun[] = [
  claude,
  codex,
  gemini,
  opencode('chat', '@ai-sdk/openai-compatible', (b) => `${b}/openai/v1`, 'rec-chat.test-model'),
  opencode('responses', '@ai-sdk/openai', (b) => `${b}/openai/v1`, 'rec-responses.test-model'),
  opencode('anthropic', '@ai-sdk/anthropic', (b) => `${b}/claude/v1`, 'rec-claude.test-model'),
  opencode('gemini', '@ai-sdk/google', (b) => `${b}/gemini/v1beta`, 'rec-gemini.test-model'),
];
