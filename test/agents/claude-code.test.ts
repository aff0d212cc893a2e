// Claude Code itself (the real @anthropic-ai/claude-code CLI, `claude -p`) through the gateway, offline: it is
// pointed at the gateway with ANTHROPIC_BASE_URL and a gateway key, and the fake upstreams play the model.
// Each run is a tool round trip: the model's first answer calls one of Claude Code's own tools (Write, Read),
// the CLI executes it in a temp directory and sends the tool_result back, the model's second answer is the
// final text. Checked: the file on disk, the CLI's JSON result, and what the upstream received:
// - to an Anthropic upstream, the same request Claude Code sends to Anthropic directly (a reference run
//   without the gateway): every anthropic-beta value, ?beta=true, cache_control, thinking and its signature,
//   system turns inside messages;
// - to an OpenAI-protocol or Gemini model, the tools, system prompt and system turns, thinking, tool results
//   and images translated, and a model whose context window cannot hold Claude Code's prompt skipped.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { type Harness, MASTER_KEY, startHarness } from '../e2e/harness.js';
import type { RecordedRequest } from '../fakes/index.js';
import { anthropicRequestShape } from './anthropic-request-shape.js';
import { type AgentRun, agentBinary, describeRun, offlineEnv, runAgentCli } from './run-agent-cli.js';
import { tinyPng } from './tiny-png.js';

const claude = agentBinary('claude');
const skip = claude
  ? false
  : 'node_modules/.bin/claude is missing (npm ci installs @anthropic-ai/claude-code)';
const RUN_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 2 * RUN_TIMEOUT_MS + 10_000;

let h: Harness;
let home: string;
let cwd: string;

before(async () => {
  if (skip) return;
  h = await startHarness({
    config: {
      deployments: [
        // a name Claude Code does not know, served by Claude: it then sends its newest request shape
        { name: 'team-coder', targets: [{ model: 'anthropic/claude-sonnet-4-5' }] },
        // a Claude-like name served by OpenAI models; GPT-4 (8k context) cannot hold Claude Code's prompt
        {
          name: 'claude-sonnet-4-5-via-openai',
          targets: [{ model: 'openai/gpt-4' }, { model: 'openai/gpt-5-mini' }],
        },
      ],
    },
  });
});
after(async () => {
  await h?.close();
});
beforeEach(() => {
  if (skip) return;
  h.resetUpstreams();
  home = mkdtempSync(join(tmpdir(), 'switchyard-claude-home-'));
  cwd = mkdtempSync(join(tmpdir(), 'switchyard-claude-cwd-'));
  mkdirSync(join(home, '.claude'));
});
afterEach(() => {
  if (skip) return;
  rmSync(home, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});

interface Target {
  baseUrl: string;
  apiKey: string;
}
const gateway = (): Target => ({ baseUrl: h.url, apiKey: MASTER_KEY });

function runClaude(
  prompt: string,
  model: string,
  target: Target = gateway(),
  extraEnv: Record<string, string> = {},
): Promise<AgentRun> {
  return runAgentCli(claude as string, {
    args: ['-p', prompt, '--output-format', 'json', '--model', model, '--allowedTools', 'Write,Read'],
    cwd,
    env: {
      ...offlineEnv(home),
      CLAUDE_CONFIG_DIR: join(home, '.claude'),
      ANTHROPIC_BASE_URL: target.baseUrl,
      ANTHROPIC_API_KEY: target.apiKey,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      ...extraEnv,
    },
    timeoutMs: RUN_TIMEOUT_MS,
  });
}

/** the CLI's `--output-format json` result */
function resultOf(run: AgentRun): { is_error: boolean; result: string } {
  assert.equal(run.code, 0, describeRun(run));
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
  assert.equal(result.is_error, false, describeRun(run));
  return result;
}

const posts = (requests: RecordedRequest[], pathEnd: string) =>
  requests.filter((r) => r.method === 'POST' && r.path.endsWith(pathEnd));
const bodies = (requests: RecordedRequest[]) => requests.map((r) => r.body as Record<string, any>);
const blocksOf = (message: { content: unknown }) =>
  (Array.isArray(message.content) ? message.content : []) as Record<string, any>[];

function scriptWrite(fake: Harness['anthropicUp'], file: string, content: string) {
  // `match`: Claude Code first checks its base URL with `HEAD /`, which must not take the scripted answer
  fake.script({
    kind: 'reply-tool-call',
    name: 'Write',
    arguments: { file_path: file, content },
    match: '/messages',
  });
}

describe('Claude Code → gateway → Anthropic upstream (passthrough)', { skip }, () => {
  test('a Write round trip arrives as Claude Code sends it to Anthropic directly', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    // reference: the CLI straight at the fake Anthropic API
    scriptWrite(h.anthropicUp, join(cwd, 'direct.txt'), 'direct\n');
    resultOf(
      await runClaude('Create direct.txt', 'claude-sonnet-4-5', {
        baseUrl: h.anthropicUp.url,
        apiKey: h.anthropicUp.apiKey,
      }),
    );
    const direct = posts(h.anthropicUp.requests, '/messages');
    h.resetUpstreams();

    const file = join(cwd, 'hello.txt');
    scriptWrite(h.anthropicUp, file, 'written through switchyard\n');
    const result = resultOf(await runClaude('Create hello.txt', 'claude-sonnet-4-5'));
    assert.equal(readFileSync(file, 'utf8'), 'written through switchyard\n');
    assert.match(result.result, /^Tool result received: File created successfully at: .*hello\.txt/);

    const via = posts(h.anthropicUp.requests, '/messages');
    assert.equal(via.length, 2, 'one call answered with the tool use, one carrying its result');
    assert.deepEqual(via.map(anthropicRequestShape), direct.map(anthropicRequestShape));
    for (const call of via) {
      assert.equal(call.path, '/v1/messages');
      assert.deepEqual(call.query, { beta: 'true' });
      assert.equal(call.headers['x-api-key'], h.anthropicUp.apiKey);
      assert.ok(!JSON.stringify(call.headers).includes(MASTER_KEY), 'the gateway key never goes upstream');
    }
    const betas = String(via[0].headers['anthropic-beta']).split(',');
    assert.ok(betas.includes('claude-code-20250219'), `betas: ${betas}`);
    assert.ok(betas.includes('interleaved-thinking-2025-05-14'), `betas: ${betas}`);

    const [first, second] = bodies(via);
    assert.equal(first.stream, true);
    assert.equal(first.thinking?.type, 'enabled');
    assert.ok(first.system.some((block: Record<string, unknown>) => block.cache_control !== undefined));
    // turn two carries the assistant turn as the CLI received it through the gateway: the fake's thinking
    // block with its signature, the tool_use, then the tool_result
    const assistant = second.messages.at(-2);
    const thinking = blocksOf(assistant).find((block) => block.type === 'thinking');
    assert.ok(thinking, JSON.stringify(assistant).slice(0, 500));
    assert.match(Buffer.from(thinking.signature, 'base64').toString(), /^sig_/);
    assert.ok(
      thinking.thinking.startsWith('Let me think about: ') && thinking.thinking.endsWith('Create hello.txt'),
    );
    const toolUse = blocksOf(assistant).find((block) => block.type === 'tool_use');
    assert.equal(toolUse?.name, 'Write');
    const toolResult = blocksOf(second.messages.at(-1)).find((block) => block.type === 'tool_result');
    assert.equal(toolResult?.tool_use_id, toolUse.id);
  });

  test('a model name Claude Code does not know: system turns inside messages, adaptive thinking, effort', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const file = join(cwd, 'team.txt');
    scriptWrite(h.anthropicUp, file, 'team\n');
    resultOf(await runClaude('Create team.txt', 'team-coder'));
    assert.equal(readFileSync(file, 'utf8'), 'team\n');
    const via = posts(h.anthropicUp.requests, '/messages');
    assert.equal(via.length, 2);
    const betas = String(via[0].headers['anthropic-beta']).split(',');
    assert.ok(betas.includes('mid-conversation-system-2026-04-07'), `betas: ${betas}`);
    const [first, second] = bodies(via);
    assert.equal(first.model, 'claude-sonnet-4-5', 'the deployment name becomes the upstream model');
    assert.ok(
      first.messages.some((message: { role: string }) => message.role === 'system'),
      'a system turn inside messages arrives as sent',
    );
    assert.equal(first.thinking?.type, 'adaptive');
    assert.equal(typeof first.output_config?.effort, 'string');
    assert.equal(second.messages.at(-1).content[0].type, 'tool_result');
  });
});

describe('Claude Code → gateway → Anthropic upstream: long contexts', { skip }, () => {
  test('sonnet[1m] with a 260k-token CLAUDE.md: the context-1m beta lifts the 200k window', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const words = Array.from({ length: 120_000 }, (_, i) => `word${i % 997}`).join(' ');
    writeFileSync(join(cwd, 'CLAUDE.md'), `# Notes\n${words}\n`);
    h.anthropicUp.script({ kind: 'reply-text', text: 'Read it all.', match: '/messages' });
    // no thinking: the fake would otherwise think aloud about the whole prompt
    const run = await runClaude('Summarize', 'claude-sonnet-4-5[1m]', gateway(), {
      MAX_THINKING_TOKENS: '0',
    });
    assert.equal(resultOf(run).result, 'Read it all.');
    const [call] = posts(h.anthropicUp.requests, '/messages');
    assert.ok(String(call.headers['anthropic-beta']).split(',').includes('context-1m-2025-08-07'));
    assert.ok(call.rawBody.length > 800_000);
  });
});

describe('Claude Code → gateway → models of other protocols (translated)', { skip }, () => {
  test('OpenAI: a Write round trip on a Claude-like name; a model too small for the prompt is skipped', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const file = join(cwd, 'cross.txt');
    h.openaiUp.script({
      kind: 'reply-tool-call',
      name: 'Write',
      arguments: { file_path: file, content: 'from an OpenAI model\n' },
      match: '/chat/completions',
    });
    const result = resultOf(await runClaude('Create cross.txt', 'claude-sonnet-4-5-via-openai'));
    assert.equal(readFileSync(file, 'utf8'), 'from an OpenAI model\n');
    assert.match(result.result, /^Tool result received: File created successfully at: .*cross\.txt/);
    assert.equal(posts(h.anthropicUp.requests, '/messages').length, 0);

    const calls = posts(h.openaiUp.requests, '/chat/completions');
    assert.equal(calls.length, 2);
    const [first, second] = bodies(calls);
    assert.deepEqual(
      [first.model, second.model],
      ['gpt-5-mini', 'gpt-5-mini'],
      'GPT-4 (8k tokens) cannot hold the prompt',
    );
    assert.equal(first.stream, true);
    // Claude Code's 31999-token budget is 'xhigh', which GPT-5 mini rejects: the nearest it takes
    assert.equal(first.reasoning_effort, 'high', 'thinking becomes a reasoning effort GPT-5 mini accepts');
    assert.equal(first.max_completion_tokens, 32000, "Claude Code's limit fits GPT-5 mini's 128000");
    assert.equal(first.messages[0].role, 'system');
    assert.match(first.messages[0].content, /Claude Agent SDK/);
    const write = first.tools.find((tool: any) => tool.function?.name === 'Write');
    assert.ok(write, 'Claude Code tools become functions');
    assert.deepEqual(write.function.parameters.required, ['file_path', 'content']);

    const assistant = second.messages.findLast((m: { role: string }) => m.role === 'assistant');
    assert.equal(assistant.tool_calls?.[0]?.function?.name, 'Write');
    assert.deepEqual(JSON.parse(assistant.tool_calls[0].function.arguments), {
      file_path: file,
      content: 'from an OpenAI model\n',
    });
    const toolMessage = second.messages.at(-1);
    assert.equal(toolMessage.role, 'tool');
    assert.equal(toolMessage.tool_call_id, assistant.tool_calls[0].id);
    assert.match(JSON.stringify(toolMessage.content), /File created successfully/);
  });

  test("OpenAI: Claude Code's defaults are fitted to a model without reasoning and a 16k output limit", {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    h.openaiUp.script({ kind: 'reply-text', text: 'Hi.', match: '/chat/completions' });
    assert.equal(resultOf(await runClaude('Say hi', 'openai/gpt-4o-mini')).result, 'Hi.');
    const [first] = bodies(posts(h.openaiUp.requests, '/chat/completions'));
    assert.equal(first.model, 'gpt-4o-mini');
    assert.equal('reasoning_effort' in first, false, 'the catalog says gpt-4o-mini has no reasoning');
    assert.equal(first.max_completion_tokens, 16384, "Claude Code's 32000 within the catalog's 16384");
  });

  test('OpenAI: an image Claude Code reads reaches the model', { timeout: TEST_TIMEOUT_MS }, async () => {
    const png = tinyPng();
    writeFileSync(join(cwd, 'red.png'), png);
    h.openaiUp.script(
      { kind: 'reply-tool-call', name: 'Read', arguments: { file_path: join(cwd, 'red.png') } },
      { kind: 'reply-text', text: 'A small red square.' },
    );
    const result = resultOf(await runClaude('What is in red.png?', 'openai/gpt-5-mini'));
    assert.equal(result.result, 'A small red square.');
    const [, second] = bodies(posts(h.openaiUp.requests, '/chat/completions'));
    const imageUrls = second.messages.flatMap((message: { content: unknown }) =>
      blocksOf(message)
        .filter((part) => part.type === 'image_url')
        .map((part) => part.image_url.url),
    );
    assert.deepEqual(imageUrls, [`data:image/png;base64,${png.toString('base64')}`]);
  });

  test('Gemini: a Write round trip with --model naming the Gemini model', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    const file = join(cwd, 'gemini.txt');
    h.geminiUp.script({
      kind: 'reply-tool-call',
      name: 'Write',
      arguments: { file_path: file, content: 'from Gemini\n' },
    });
    const result = resultOf(await runClaude('Create gemini.txt', 'google/gemini-2.5-flash'));
    assert.equal(readFileSync(file, 'utf8'), 'from Gemini\n');
    assert.match(result.result, /File created successfully at: .*gemini\.txt/);
    const calls = h.geminiUp.requests.filter((r) => r.path.endsWith(':streamGenerateContent'));
    assert.equal(calls.length, 2);
    const [first, second] = bodies(calls);
    assert.match(JSON.stringify(first.systemInstruction), /Claude Agent SDK/);
    // thinking asked with a 31999-token budget → Gemini thinking within Flash's 24576 maximum
    assert.equal(first.generationConfig.thinkingConfig.includeThoughts, true);
    assert.equal(first.generationConfig.thinkingConfig.thinkingBudget, 24576);
    assert.equal(first.generationConfig.maxOutputTokens, 32000, "within Gemini 2.5 Flash's 65536");
    const declarations = first.tools.flatMap((tool: any) => tool.functionDeclarations ?? []);
    assert.ok(declarations.some((declaration: { name: string }) => declaration.name === 'Write'));
    const lastParts = second.contents.at(-1).parts;
    assert.equal(lastParts[0].functionResponse?.name, 'Write');
    assert.match(JSON.stringify(lastParts[0].functionResponse.response), /File created successfully/);
  });
});
