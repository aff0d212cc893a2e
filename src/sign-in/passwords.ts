// Local account passwords: argon2id hashes (the argon2 package's defaults: 64 MiB, t=3, p=4),
// verified by the library in constant time.
import argon2 from 'argon2';

/** the shortest password accepted for a local account */
export const MIN_PASSWORD_LENGTH = 12;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** false for a wrong password and for a malformed hash */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
