// When no master key is configured, the gateway makes one on first start and keeps it in the
// data directory (mode 0600), so the embedded default is never an open proxy.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function ensureMasterKey(dataDir: string): { key: string; created: boolean; path: string } {
  const path = join(dataDir, 'master-key');
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), created: false, path };
  mkdirSync(dataDir, { recursive: true });
  const key = `sk-sy-${randomBytes(24).toString('base64url')}`;
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return { key, created: true, path };
}
