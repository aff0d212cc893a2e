// Copies every example file into its block in docs/clients.md, after an example changed:
//   npx tsx test/clients/sync-doc-examples.ts
// (doc-examples.test.ts fails until the doc and the files agree)
import { readFileSync, writeFileSync } from 'node:fs';
import { withExampleFiles } from './doc-example-blocks.js';

const docPath = new URL('../../docs/clients.md', import.meta.url);
const example = (name: string) => readFileSync(new URL(`./examples/${name}.ts`, import.meta.url), 'utf8');
writeFileSync(docPath, withExampleFiles(readFileSync(docPath, 'utf8'), example));
