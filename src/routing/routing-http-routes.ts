// The router's data-plane routes, called with an API key (errors in the caller's protocol:
// Anthropic's shape when it sends anthropic-version, OpenAI's otherwise):
//   POST /v1/routing/dry-run              the decision for an OpenAI or Anthropic request body; no model is called
//   GET  /v1/routing/decisions/:requestId the stored decision of a request this key made
//   POST /v1/feedback                     a score 0..1 or thumbs for a routed request this key made
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import type { CanonicalRequest } from '../canonical/types.js';
import type { ClientProtocol } from '../gateway/call-context.js';
import type { DecisionLog, StoredDecision } from './decision-log.js';
import type { QualityFeedback } from './quality-feedback.js';
import type { Router } from './router.js';

export interface RoutingHttpDeps {
  router: Router;
  decisions: DecisionLog;
  feedback: QualityFeedback;
  decode(protocol: ClientProtocol, body: unknown): CanonicalRequest;
}

const noDecision = (id: string) =>
  new GatewayError('not_found', `No routed request ${id} was made with this API key`, {
    code: 'routing_decision_not_found',
  });

function bodyObject(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  if (!b || typeof b !== 'object' || Array.isArray(b))
    throw invalidRequest('The request body must be a JSON object');
  return b as Record<string, unknown>;
}

export function decisionView(d: StoredDecision) {
  return {
    ...d.detail,
    object: 'routing.decision',
    request_id: d.requestId,
    policy: d.policy,
    chosen: d.chosen,
    served: d.served,
    reason: d.reason,
    created_at: new Date(d.createdAt).toISOString(),
  };
}

/** a key's own decision: another key's is "not found" (ids are not confirmed) */
async function ownDecision(deps: RoutingHttpDeps, req: FastifyRequest, id: string): Promise<StoredDecision> {
  const d = await deps.decisions.find(id);
  if (!d || d.principalId !== req.principal!.id) throw noDecision(id);
  return d;
}

export function parseFeedback(body: Record<string, unknown>): {
  requestId: string;
  scoreMilli: number;
  thumbs: 'up' | 'down' | null;
  comment: string | null;
} {
  const { request_id, score, thumbs, comment, ...rest } = body;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw invalidRequest(`Unknown field \`${extra[0]}\``, extra[0]);
  if (typeof request_id !== 'string' || request_id === '')
    throw invalidRequest('`request_id` must be the id of a request (its x-request-id header)', 'request_id');
  if ((score === undefined) === (thumbs === undefined))
    throw invalidRequest('Give either `score` (a number from 0 to 1) or `thumbs` ("up" or "down")', 'score');
  let scoreMilli: number;
  if (score !== undefined) {
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)
      throw invalidRequest('`score` must be a number from 0 to 1', 'score');
    scoreMilli = Math.round(score * 1000);
  } else {
    if (thumbs !== 'up' && thumbs !== 'down')
      throw invalidRequest('`thumbs` must be "up" or "down"', 'thumbs');
    scoreMilli = thumbs === 'up' ? 1000 : 0;
  }
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000))
    throw invalidRequest('`comment` must be a string of at most 2000 characters', 'comment');
  return {
    requestId: request_id,
    scoreMilli,
    thumbs: (thumbs as 'up' | 'down' | undefined) ?? null,
    comment: (comment as string | undefined) ?? null,
  };
}

export function registerRoutingHttpRoutes(app: FastifyInstance, deps: RoutingHttpDeps): void {
  const auto = { config: { protocol: 'auto' as const } };

  app.post('/v1/routing/dry-run', auto, async (req) => {
    const body = bodyObject(req);
    const protocol: ClientProtocol = req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
    const principal = req.principal!;
    const found = deps.router.policyFor(principal, body);
    if (!found)
      throw invalidRequest(
        'This request names a model, so nothing is routed: send `auto`, `auto:<policy>`, or no model when a default policy applies',
        'model',
      );
    const { models, ...clean } = body;
    clean.model = 'auto';
    const names = models === undefined ? undefined : (models as unknown[]);
    if (
      names !== undefined &&
      (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || n === ''))
    )
      throw invalidRequest(
        '`models` must be a non-empty array of model names (the candidates of `auto`)',
        'models',
      );
    const decision = await deps.router.decide({
      requestId: req.id,
      principal,
      headers: req.headers,
      canonical: deps.decode(protocol, clean),
      bodyBytes: Number(req.headers['content-length']) || Number.POSITIVE_INFINITY,
      policy: found.policy,
      mode: found.mode,
      names: names as string[] | undefined,
      dryRun: true,
    });
    return { object: 'routing.decision', dry_run: true, ...decision };
  });

  app.get<{ Params: { requestId: string } }>('/v1/routing/decisions/:requestId', auto, async (req) =>
    decisionView(await ownDecision(deps, req, req.params.requestId)),
  );

  app.post('/v1/feedback', auto, async (req, reply) => {
    const f = parseFeedback(bodyObject(req));
    const d = await ownDecision(deps, req, f.requestId);
    const model = d.served ?? (d.detail.chosen_id as string | undefined) ?? d.chosen;
    const saved = await deps.feedback.record({
      ...f,
      principalId: req.principal!.id,
      orgId: d.orgId,
      taskType: d.taskType,
      model,
    });
    reply.code(201);
    return {
      object: 'feedback',
      id: saved.id,
      request_id: f.requestId,
      task_type: d.taskType,
      model,
      score: f.scoreMilli / 1000,
    };
  });
}
