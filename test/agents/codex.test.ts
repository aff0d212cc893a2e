// Codex itself (the real @openai/codex CLI, `codex exec`) through the gateway's Responses API, offline:
// CODEX_HOME holds a config.toml with a custom model provider (base_url = the gateway's /v1,
// wire_api = "responses", the gateway key in an environment variable), and the fake upstreams play the
// model. Each run is a tool round trip: the model's first answer calls Codex's `exec_command` function,
// Codex runs the command (workspace-write sandbox, in a temp directory) and sends its output back as a
// function_call_output, the model's second answer is the final message. Checked: the file the command
// wrote, Codex's last message, and what the upstream received — to OpenAI the Responses request as Codex
// sends it to OpenAI directly (a reference run without the gateway), to an Anthropic model the functions,
// instructions, tool call and tool result translated.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { type Harness, MASTER_KEY, startHarness } from '../e2e/harness.js';
import type { FakeUpstream, RecordedRequest } from '../fakes/index.js';
import { codexConfigToml } from './codex-config.js';
import { responsesRequestShape } from './responses-request-shape.js';
import { type AgentRun, agentBinary, describeRun, offlineEnv, runAgentCli } from './run-agent-cli.js';

const codex = agentBinary('codex');
const skip = codex ? false : 'node_modules/.bin/codex is missing (npm ci installs @openai/codex)';
const RUN_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 2 * RUN_TIMEOUT_MS + 10_000;
const KEY_ENV = 'SWITCHYARD_API_KEY';
const COMMAND = "printf 'hello from codex' > out.txt";

let h: Harness;
let home: string;
let cwd: string;

before(async () => {
  if (skip) return;
  h = await startHarness();
});
after(async () => {
  await h?.close();
});
beforeEach(() => {
  if (skip) return;
  h.resetUpstreams();
  home = mkdtempSync(join(tmpdir(), 'switchyard-codex-home-'));
  cwd = mkdtempSync(join(tmpdir(), 'switchyard-codex-cwd-'));
});
afterEach(() => {
  if (skip) return;
  rmSync(home, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
});

interface CodexRun {
  run: AgentRun;
  lastMessage: string;
}

async function runCodex(
  prompt: string,
  config: { model: string; baseUrl?: string; apiKey?: string },
): Promise<CodexRun> {
  const baseUrl = config.baseUrl ?? `${h.url}/v1`;
  const { model } = config;
  writeFileSync(join(home, 'config.toml'), codexConfigToml({ model, baseUrl, envKey: KEY_ENV }));
  const lastMessageFile = join(home, 'last-message.txt');
  const run = await runAgentCli(codex as string, {
    args: ['exec', '--skip-git-repo-check', '--sandbox', 'workspace-write', '-o', lastMessageFile, prompt],
    cwd,
    env: { ...offlineEnv(home), CODEX_HOME: home, [KEY_ENV]: config.apiKey ?? MASTER_KEY },
    timeoutMs: RUN_TIMEOUT_MS,
  });
  assert.equal(run.code, 0, describeRun(run));
  return { run, lastMessage: readFileSync(lastMessageFile, 'utf8') };
}

function scriptExecCommand(fake: FakeUpstream, match: string) {
  fake.script({ kind: 'reply-tool-call', name: 'exec_command', arguments: { cmd: COMMAND }, match });
}

const posts = (requests: RecordedRequest[], pathEnd: string) =>
  requests.filter((r) => r.method === 'POST' && r.path.endsWith(pathEnd));
const bodies = (requests: RecordedRequest[]) => requests.map((r) => r.body as Record<string, any>);

/** the command's output as Codex reports it back to the model */
const COMMAND_OUTPUT = /Process exited with code 0/;

describe('Codex → gateway → OpenAI Responses upstream (passthrough)', { skip }, () => {
  test('an exec_command round trip arrives as Codex sends it to OpenAI directly', {
    timeout: TEST_TIMEOUT_MS,
  }, async () => {
    // reference: Codex straight at the fake OpenAI API
    scriptExecCommand(h.openaiUp, '/responses');
    await runCodex('Create out.txt', {
      model: 'gpt-5-mini',
      baseUrl: h.openaiUp.baseUrl,
      apiKey: h.openaiUp.apiKey,
    });
    const direct = posts(h.openaiUp.requests, '/responses');
    h.resetUpstreams();
    rmSync(join(cwd, 'out.txt'));

    scriptExecCommand(h.openaiUp, '/responses');
    const { lastMessage } = await runCodex('Create out.txt', { model: 'gpt-5-mini' });
    assert.equal(readFileSync(join(cwd, 'out.txt'), 'utf8'), 'hello from codex');
    assert.match(lastMessage, COMMAND_OUTPUT);

    const via = posts(h.openaiUp.requests, '/responses');
    assert.equal(via.length, 2, 'one call answered with the function call, one carrying its output');
    assert.deepEqual(via.map(responsesRequestShape), direct.map(responsesRequestShape));
    for (const call of via) {
      assert.equal(call.path, '/v1/responses');
      assert.equal(call.headers.authorization, `Bearer ${h.openaiUp.apiKey}`);
    }
    const [first, second] = bodies(via);
    assert.equal(first.stream, true);
    assert.ok(first.tools.some((tool: { name?: string }) => tool.name === 'exec_command'));
    const call = second.input.find((item: { type: string }) => item.type === 'function_call');
    assert.equal(call.name, 'exec_command');
    assert.deepEqual(JSON.parse(call.arguments), { cmd: COMMAND });
    const output = second.input.find((item: { type: string }) => item.type === 'function_call_output');
    assert.equal(output.call_id, call.call_id);
    assert.match(output.output, COMMAND_OUTPUT);
  });
});

describe('Codex → gateway → models of other protocols (translated)', { skip }, () => {
  test('an exec_command round trip on Claude', { timeout: TEST_TIMEOUT_MS }, async () => {
    scriptExecCommand(h.anthropicUp, '/messages');
    const { lastMessage } = await runCodex('Create out.txt', {
      model: 'claude-sonnet-4-5',
    });
    assert.equal(readFileSync(join(cwd, 'out.txt'), 'utf8'), 'hello from codex');
    assert.match(lastMessage, /^Tool result received: /);
    assert.match(lastMessage, COMMAND_OUTPUT);
    assert.equal(posts(h.openaiUp.requests, '/responses').length, 0);

    const calls = posts(h.anthropicUp.requests, '/messages');
    assert.equal(calls.length, 2);
    const [first, second] = bodies(calls);
    assert.equal(first.model, 'claude-sonnet-4-5');
    assert.equal(first.stream, true);
    // Codex sets no output limit: the model's maximum (64000) bounded at 32000, not a fixed 4096
    assert.equal(first.max_tokens, 32000);
    assert.match(JSON.stringify(first.system), /Codex CLI/, 'developer messages become the system prompt');
    const exec = first.tools.find((tool: { name: string }) => tool.name === 'exec_command');
    assert.ok(exec, 'Codex functions become Anthropic tools');
    assert.ok(exec.input_schema.properties.cmd);
    // Codex's defaults: the hosted web_search is left out (only OpenAI runs it); its sub-agent
    // namespace arrives as plain functions
    assert.ok(!first.tools.some((tool: { name: string }) => /web_search/.test(tool.name)));

    const assistant = second.messages.at(-2);
    const toolUse = assistant.content.find((block: { type: string }) => block.type === 'tool_use');
    assert.equal(toolUse.name, 'exec_command');
    assert.deepEqual(toolUse.input, { cmd: COMMAND });
    const toolResult = second.messages
      .at(-1)
      .content.find((block: { type: string }) => block.type === 'tool_result');
    assert.equal(toolResult.tool_use_id, toolUse.id);
    assert.match(JSON.stringify(toolResult.content), COMMAND_OUTPUT);
  });

  test('an exec_command round trip on Gemini', { timeout: TEST_TIMEOUT_MS }, async () => {
    scriptExecCommand(h.geminiUp, ':streamGenerateContent');
    const { lastMessage } = await runCodex('Create out.txt', {
      model: 'google/gemini-2.5-flash',
    });
    assert.equal(readFileSync(join(cwd, 'out.txt'), 'utf8'), 'hello from codex');
    assert.match(lastMessage, COMMAND_OUTPUT);
    const [first, second] = bodies(posts(h.geminiUp.requests, ':streamGenerateContent'));
    assert.match(JSON.stringify(first.systemInstruction), /Codex CLI/);
    const declarations = first.tools.flatMap((tool: any) => tool.functionDeclarations ?? []);
    assert.ok(declarations.some((declaration: { name: string }) => declaration.name === 'exec_command'));
    const call = second.contents.at(-2).parts.find((part: any) => part.functionCall);
    assert.deepEqual(call.functionCall.args, { cmd: COMMAND });
    const response = second.contents.at(-1).parts.find((part: any) => part.functionResponse);
    assert.equal(response.functionResponse.name, 'exec_command');
    assert.match(JSON.stringify(response.functionResponse.response), COMMAND_OUTPUT);
  });
});
