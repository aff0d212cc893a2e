// The code blocks of docs/clients.md that stand for a file: a fenced block right after an HTML
// comment `<!-- example: NAME -->` (a file test/clients/examples/NAME.ts, run by clients-doc.test.ts)
// or `<!-- python: KIND -->` (checked by request shape in python-request-shapes.test.ts).

export interface DocBlock {
  marker: 'example' | 'python';
  name: string;
  lang: string;
  code: string;
}

const BLOCK = /<!-- (example|python): ([a-z0-9-]+) -->\n```([a-z]*)\n([\s\S]*?)^```$/gm;

export function docBlocks(doc: string): DocBlock[] {
  return [...doc.matchAll(BLOCK)].map((m) => ({
    marker: m[1] as DocBlock['marker'],
    name: m[2]!,
    lang: m[3]!,
    code: m[4]!,
  }));
}

/** markers not followed by a fenced block, which the pattern above would silently skip */
export function strayMarkers(doc: string): string[] {
  const all = [...doc.matchAll(/<!-- (example|python): ([a-z0-9-]+) -->/g)].map((m) => `${m[1]}: ${m[2]}`);
  const found = new Set(docBlocks(doc).map((b) => `${b.marker}: ${b.name}`));
  return all.filter((m) => !found.has(m));
}

/** the doc with every example block replaced by its file's text */
export function withExampleFiles(doc: string, fileText: (name: string) => string): string {
  return doc.replace(BLOCK, (whole, marker: string, name: string, lang: string) =>
    marker === 'example' ? `<!-- example: ${name} -->\n\`\`\`${lang}\n${fileText(name)}\`\`\`` : whole,
  );
}
