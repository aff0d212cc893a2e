// Google Vertex AI's settings: project, location and the service-account key, from the
// provider's config (`vertex: {project, location, credentials_file}`) and the environment
// (GOOGLE_VERTEX_PROJECT / GOOGLE_CLOUD_PROJECT, GOOGLE_VERTEX_LOCATION / GOOGLE_CLOUD_LOCATION,
// GOOGLE_APPLICATION_CREDENTIALS). The project defaults to the key file's project_id, the
// location to us-central1; location `global` uses the host without a region.
import { ConfigError, type ProviderConfig } from '../config/index.js';
import type { CloudProviderSettings } from './bedrock-provider.js';
import { createVertexTokenAuth, readServiceAccountKey } from './vertex-auth.js';

type Env = Record<string, string | undefined>;

export const DEFAULT_VERTEX_LOCATION = 'us-central1';

/** the publisher's base URL: …/v1/projects/{project}/locations/{location}/publishers/{publisher} */
export function vertexBaseUrl(project: string, location: string, publisher: 'google' | 'anthropic'): string {
  const host = location === 'global' ? 'aiplatform.googleapis.com' : `${location}-aiplatform.googleapis.com`;
  return `https://${host}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/${publisher}`;
}

export function vertexSettings(
  id: string,
  cfg: ProviderConfig | undefined,
  env: Env,
  fromEnv: boolean,
  publisher: 'google' | 'anthropic',
): CloudProviderSettings | string | undefined {
  const s = cfg?.vertex ?? {};
  const file = s.credentials_file ?? env.GOOGLE_APPLICATION_CREDENTIALS;
  const envProject = env.GOOGLE_VERTEX_PROJECT ?? env.GOOGLE_CLOUD_PROJECT;
  // a preset is switched on by GOOGLE_VERTEX_PROJECT, or by its `vertex` settings in the config
  const wanted =
    cfg?.enabled ?? (fromEnv ? Boolean(env.GOOGLE_VERTEX_PROJECT) || cfg?.vertex !== undefined : true);
  if (!wanted) return undefined;
  if (!file) {
    if (cfg === undefined)
      return `provider ${id}: GOOGLE_VERTEX_PROJECT is set but no service-account key; set GOOGLE_APPLICATION_CREDENTIALS to use Vertex AI. It stays off`;
    throw new ConfigError(
      `providers.${id}: Vertex AI needs a service-account key file (vertex.credentials_file or GOOGLE_APPLICATION_CREDENTIALS)`,
    );
  }
  const key = readServiceAccountKey(file, id);
  const project = s.project ?? envProject ?? key.project_id;
  if (!project)
    throw new ConfigError(
      `providers.${id}: Vertex AI needs a project (vertex.project or GOOGLE_VERTEX_PROJECT)`,
    );
  const location =
    s.location ?? env.GOOGLE_VERTEX_LOCATION ?? env.GOOGLE_CLOUD_LOCATION ?? DEFAULT_VERTEX_LOCATION;
  const baseUrl = vertexBaseUrl(project, location, publisher);
  return {
    baseUrl,
    defaultBaseUrl: baseUrl,
    placeholders: { GOOGLE_VERTEX_PROJECT: project, GOOGLE_VERTEX_LOCATION: location },
    authHeaders: {},
    authorize: createVertexTokenAuth(key, id),
  };
}
