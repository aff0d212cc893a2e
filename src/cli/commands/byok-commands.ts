// switchyard byok set|list|remove|reencrypt: an org's own provider keys (admin routes in byok/).
import type { Command } from 'commander';
import type { CredentialView } from '../../byok/index.js';
import { seg } from '../admin-client.js';
import { CliUserError } from '../cli-errors.js';
import { readSecretFromStdin } from '../cli-io.js';
import { action, type CommandContext } from '../command-context.js';
import { table, time } from '../output.js';
import { resolveOrg } from '../resolve.js';

const columns = [
  { header: 'provider', value: (c: CredentialView) => c.provider },
  { header: 'key', value: (c: CredentialView) => `…${c.hint}` },
  { header: 'sealed under', value: (c: CredentialView) => c.key_id },
  { header: 'updated', value: (c: CredentialView) => time(c.updated_at) },
  { header: 'by', value: (c: CredentialView) => c.created_by },
];

export function registerByokCommands(program: Command, ctx: CommandContext): void {
  const byok = program.command('byok').description("an org's own provider keys, encrypted at rest");

  byok
    .command('set')
    .description("store or replace an org's key for a provider (read from standard input)")
    .requiredOption('--org <org>', 'org id or slug')
    .requiredOption('--provider <id>', 'provider id (openai, anthropic, …)')
    .option(
      '--api-key-stdin',
      'read the provider key from standard input (the only way: keys stay out of shell history)',
    )
    .action(
      action<{ org: string; provider: string; apiKeyStdin?: boolean }>(ctx, async (_args, opts, out) => {
        if (!opts.apiKeyStdin)
          throw new CliUserError(
            '--api-key-stdin is required: pipe the key in, e.g. `pbpaste | switchyard byok set …`',
          );
        const apiKey = await readSecretFromStdin(ctx.io, '--api-key-stdin');
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const saved = await admin.call<CredentialView>(
          'PUT',
          `/orgs/${seg(org.id)}/provider-keys/${seg(opts.provider)}`,
          { body: { api_key: apiKey } },
        );
        out.result(saved, (c) => `stored the ${c.provider} key …${c.hint} for org ${org.slug}`);
      }),
    );

  byok
    .command('list')
    .description("list an org's provider keys (hints only)")
    .requiredOption('--org <org>', 'org id or slug')
    .action(
      action<{ org: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<{ data: CredentialView[] }>('GET', `/orgs/${seg(org.id)}/provider-keys`);
        out.result(r, (v) => table(v.data, columns, `org ${org.slug} has no provider keys of its own`));
      }),
    );

  byok
    .command('remove')
    .description("remove an org's key for a provider (its traffic uses the gateway's key again)")
    .requiredOption('--org <org>', 'org id or slug')
    .requiredOption('--provider <id>', 'provider id')
    .action(
      action<{ org: string; provider: string }>(ctx, async (_args, opts, out) => {
        const org = await resolveOrg(ctx, opts.org);
        const admin = await ctx.services.admin();
        const r = await admin.call<{ deleted: boolean; provider_key: CredentialView }>(
          'DELETE',
          `/orgs/${seg(org.id)}/provider-keys/${seg(opts.provider)}`,
        );
        out.result(
          r,
          (v) => `removed the ${v.provider_key.provider} key …${v.provider_key.hint} of org ${org.slug}`,
        );
      }),
    );

  byok
    .command('reencrypt')
    .description('re-seal every provider key under the current master encryption key (after rotating it)')
    .action(
      action(ctx, async (_args, _opts, out) => {
        const admin = await ctx.services.admin();
        const r = await admin.call<{ reencrypted: number }>('POST', '/provider-keys/reencrypt');
        out.result(r, (v) => `re-encrypted ${v.reencrypted} provider key(s) under the current master key`);
      }),
    );
}
