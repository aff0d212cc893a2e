import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from '../config/index.js';
import {
  EncryptionKeys,
  encryptionKeyId,
  ensureEncryptionKeyFile,
  parseEncryptionKey,
} from './encryption-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-enc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a configured key: base64 of 32 bytes, id = first 16 hex of its sha256', () => {
  const bytes = randomBytes(32);
  const k = parseEncryptionKey(bytes.toString('base64'), 'X');
  assert.deepEqual(k.bytes, bytes);
  assert.equal(k.id, createHash('sha256').update(bytes).digest('hex').slice(0, 16));
  assert.equal(encryptionKeyId(bytes), k.id);
  // url-safe base64 and surrounding whitespace are accepted too
  assert.deepEqual(parseEncryptionKey(` ${bytes.toString('base64url')}\n`, 'X').bytes, bytes);
});

test('anything else is a ConfigError naming the setting', () => {
  for (const bad of [
    '',
    'not base64!',
    randomBytes(16).toString('base64'),
    randomBytes(33).toString('base64'),
  ]) {
    assert.throws(
      () => parseEncryptionKey(bad, 'SWITCHYARD_ENCRYPTION_KEY'),
      (e: unknown) => e instanceof ConfigError && /SWITCHYARD_ENCRYPTION_KEY/.test(e.message),
      JSON.stringify(bad),
    );
  }
  assert.throws(
    () => new EncryptionKeys({ key: 'short', keyFile: join(dir, 'never') }),
    (e: unknown) => e instanceof ConfigError && /SWITCHYARD_ENCRYPTION_KEY: /.test(e.message),
  );
  assert.throws(
    () =>
      new EncryptionKeys({
        key: randomBytes(32).toString('base64'),
        previousKey: 'nope',
        keyFile: join(dir, 'never'),
      }),
    /SWITCHYARD_ENCRYPTION_KEY_PREVIOUS/,
  );
});

test('the key file is made on first use only, mode 0600, and read back the same afterwards', () => {
  const path = join(dir, 'sub', 'encryption-key');
  const keys = new EncryptionKeys({ keyFile: path });
  assert.throws(() => statSync(path), /ENOENT/, 'not made before first use');
  const k = keys.current();
  assert.equal(keys.createdKeyFile, true);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').length, 32);
  const again = new EncryptionKeys({ keyFile: path });
  assert.equal(again.current().id, k.id);
  assert.equal(again.createdKeyFile, false);
  assert.deepEqual(ensureEncryptionKeyFile(path).key.bytes, k.bytes);
});

test('a damaged key file is a ConfigError naming the file', () => {
  const path = join(dir, 'bad-key');
  writeFileSync(path, 'garbage');
  assert.throws(
    () => new EncryptionKeys({ keyFile: path }).current(),
    (e: unknown) => e instanceof ConfigError && e.message.includes(path),
  );
});

test('byId finds the current and the previous key, nothing else; a configured key wins over the file', () => {
  const cur = randomBytes(32);
  const prev = randomBytes(32);
  const keys = new EncryptionKeys({
    key: cur.toString('base64'),
    previousKey: prev.toString('base64'),
    keyFile: join(dir, 'unused'),
  });
  assert.equal(keys.current().id, encryptionKeyId(cur));
  assert.deepEqual(keys.byId(encryptionKeyId(prev))?.bytes, prev);
  assert.deepEqual(keys.byId(encryptionKeyId(cur))?.bytes, cur);
  assert.equal(keys.byId(encryptionKeyId(randomBytes(32))), undefined);
  assert.throws(() => statSync(join(dir, 'unused')), /ENOENT/);
});
