// How a failure ends the CLI: 1 for what the user can fix (bad arguments, unknown objects,
// refused requests, bad configuration), 2 for the gateway's own faults. The message goes to
// stderr; internal faults add their cause.
import { CommanderError } from 'commander';
import { GatewayError } from '../canonical/errors.js';
import { ConfigError } from '../config/index.js';

/** a mistake in the command line or its input */
export class CliUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUserError';
  }
}

/** an answer of the admin API other than success */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    /** the error thrown inside the handler, for 5xx answers */
    readonly internal?: unknown,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;

export function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USER;
  if (e instanceof CliUserError || e instanceof ConfigError) return EXIT_USER;
  if (e instanceof AdminApiError) return e.status < 500 ? EXIT_USER : EXIT_INTERNAL;
  if (e instanceof GatewayError) return e.status < 500 ? EXIT_USER : EXIT_INTERNAL;
  return EXIT_INTERNAL;
}

/** the text for stderr (commander has already printed its own errors) */
export function messageFor(e: unknown): string | null {
  if (e instanceof CommanderError) return null;
  if (exitCodeFor(e) === EXIT_USER) return `error: ${(e as Error).message}\n`;
  const inner = e instanceof AdminApiError && e.internal !== undefined ? e.internal : e;
  const text = inner instanceof Error ? (inner.stack ?? inner.message) : String(inner);
  return `internal error: ${text}\n`;
}
