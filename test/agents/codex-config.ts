// The $CODEX_HOME/config.toml that points Codex at Switchyard: a custom model provider speaking the
// Responses API at the gateway's /v1, its key read from an environment variable, no retries (a failure
// must show at once), no update check and no analytics.
export interface CodexConfigOptions {
  /** the model name Codex sends */
  model: string;
  /** the gateway's /v1 URL */
  baseUrl: string;
  /** the environment variable that holds the gateway key */
  envKey: string;
}

export function codexConfigToml(options: CodexConfigOptions): string {
  return `model = ${JSON.stringify(options.model)}
model_provider = "switchyard"
check_for_update_on_startup = false

[analytics]
enabled = false

[model_providers.switchyard]
name = "Switchyard"
base_url = ${JSON.stringify(options.baseUrl)}
env_key = ${JSON.stringify(options.envKey)}
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0
`;
}
