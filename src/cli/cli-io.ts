// Where the CLI reads and writes: the process's streams, or buffers in tests.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** the whole of standard input (for --password-stdin, --api-key-stdin) */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}

/** a secret read from standard input: one line, surrounding whitespace removed */
export async function readSecretFromStdin(io: CliIo, what: string): Promise<string> {
  const text = (await io.readStdin()).replace(/\r?\n$/, '').trim();
  if (!text) throw new Error(`${what}: nothing on standard input`);
  return text;
}
