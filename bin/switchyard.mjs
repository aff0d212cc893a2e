#!/usr/bin/env node
// `npx switchyard …` from the checkout: runs the compiled CLI (dist/cli/main.js) when it is at
// least as new as every source file, otherwise the TypeScript source through tsx (a dev
// dependency), so the CLI works right after `npm install` without a build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/cli/main.js', root);
const source = new URL('src/cli/main.ts', root);

/** newest modification time of the non-test .ts files under a directory */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  if (!existsSync(fileURLToPath(compiled))) return false;
  const srcDir = fileURLToPath(new URL('src', root));
  if (!existsSync(srcDir)) return true; // an installed copy without sources
  return statSync(fileURLToPath(compiled)).mtimeMs >= newestSource(srcDir);
}

async function loadCli() {
  if (compiledIsCurrent()) return import(compiled.href);
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'switchyard: the compiled CLI is missing or older than the sources, and tsx is not installed.\n' +
        'Run `npm run build` (or `npm install` to get the dev dependencies).\n',
    );
    process.exit(2);
  }
  register();
  return import(source.href);
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2));
// everything is closed by now; should a stray handle remain, do not hang the shell
setTimeout(() => process.exit(process.exitCode), 2_000).unref();
