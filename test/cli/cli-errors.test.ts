// The CLI's contract with the shell: help, exit codes (0 done, 1 the user's mistake with a
// message on stderr, 2 an internal failure) and one JSON document on stdout with --json.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './run-cli.js';

let dir: string;
let env: Record<string, string>;
const cli = (args: string[], stdin?: string) => runCli(args, { env, cwd: dir, stdin });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-cli-errors-'));
  env = { SWITCHYARD_DATA_DIR: dir };
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('--help lists the command groups; the bin script runs the same CLI', async () => {
  for (const bin of [false, true]) {
    const r = await runCli(['--help'], { env, cwd: dir, bin });
    assert.equal(r.code, 0, r.stderr);
    for (const group of [
      'keys',
      'orgs',
      'teams',
      'projects',
      'users',
      'members',
      'credits',
      'codes',
      'budgets',
    ])
      assert.match(r.stdout, new RegExp(`\\n  ${group} `), group);
    for (const group of ['usage', 'byok', 'migrate'])
      assert.match(r.stdout, new RegExp(`\\n  ${group}`), group);
  }
});

test('migrate creates the embedded database and says so in JSON', async () => {
  const r = await cli(['migrate', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const v = r.json();
  assert.equal(v.dialect, 'sqlite');
  assert.equal(v.database, join(dir, 'switchyard.db'));
  assert.ok(v.migrations.length >= 1);
});

test('user errors exit 1 with a message on stderr and nothing on stdout', async () => {
  const cases: [string[], RegExp][] = [
    [['nosuch'], /unknown command 'nosuch'/],
    [['keys', 'create'], /required option '--name <name>' not specified/],
    [['credits', 'add', '--org', 'nosuch', '--usd', '10'], /no org "nosuch"/],
    [['credits', 'add', '--org', 'default', '--usd', 'ten'], /--usd: "ten" is not a USD amount/],
    [['keys', 'create', '--name', 'x', '--expires-in', 'soon'], /--expires-in: "soon" is not a duration/],
    [['keys', 'revoke', 'key_nosuch'], /No such key/],
    [['byok', 'set', '--org', 'default', '--provider', 'openai'], /--api-key-stdin is required/],
  ];
  for (const [args, message] of cases) {
    const r = await cli([...args, '--json']);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

test('an unreachable database is an internal error: exit 2', async () => {
  const r = await runCli(['keys', 'list'], {
    env: { SWITCHYARD_DATA_DIR: dir, DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' },
    cwd: dir,
  });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /internal error/);
});
