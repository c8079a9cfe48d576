/**
 * The reference CLI commands `ref-cli-compare.mjs` runs against the reference gateway and against
 * ours (issue 16's proof: the same output from both). The one list of them.
 *
 * Each entry: `name`, `args` (the CLI's argv; `{JOB}` is the id the `cron add --json` step printed),
 * `target`: `url` (appends `--url <url> --token <token>`), `env` (OPENCLAW_GATEWAY_URL/TOKEN: the
 * commands without `--url`) or `local` (reads local files, talks to no gateway: printed for the
 * record, always the same); `compare`: `text` (default, normalized text) or `log-lines` (only the
 * shape of each line: the log contents of two gateways differ); `capture`: variables taken from the
 * output for later commands; `phase`: `fresh` (a new gateway) or `state` (after the setup commands);
 * `background`: a long-running process (the node host), started and given `waitMs`;
 * `known`: why the outputs still differ, when they do by design or because another family is unbuilt.
 */

const NO_DEFAULT_MODEL = "v3 has a built-in default model (anthropic/claude-opus-4-6, 200000 tokens); this gateway has none until a provider is configured";
const NODE_PAIRING = "node.pair.* here is a view of device pairing (a node pairs as a device); v3 keeps a separate node pairing store, so a silently device-paired node host shows Paired: 0 there";
const NODE_COMMAND_POLICY =
  "v3 filters a node's declared commands through a per-platform allowlist (gateway.nodes.allowCommands/denyCommands); this gateway keeps what the node declares (system.execApprovals.get|set here)";
const V3_CONFIG_DEFAULTS = "v3 fills in runtime defaults of config keys this gateway's config does not have (messages.ackReactionScope, agents.defaults.*, commands.*)";

/** Commands in the order they run. */
export const COMMANDS = [
  // Pairs the CLI's device with the five operator scopes first: the `status` probe asks for
  // `operator.read` only, and our gateway never widens a grant silently (threats.md).
  { name: "pair", phase: "fresh", target: "url", args: ["devices", "list", "--json"], compare: "none" },
  { name: "health-json", phase: "fresh", target: "env", args: ["health", "--json"] },
  { name: "health", phase: "fresh", target: "env", args: ["health"] },
  { name: "status", phase: "fresh", target: "env", args: ["status"] },
  { name: "status-json", phase: "fresh", target: "env", args: ["status", "--json"] },
  { name: "devices-list", phase: "fresh", target: "url", args: ["devices", "list"] },
  { name: "devices-list-json", phase: "fresh", target: "url", args: ["devices", "list", "--json"] },
  { name: "nodes-list", phase: "fresh", target: "url", args: ["nodes", "list"] },
  { name: "nodes-status", phase: "fresh", target: "url", args: ["nodes", "status"] },
  { name: "nodes-status-json", phase: "fresh", target: "url", args: ["nodes", "status", "--json"] },
  { name: "system-presence", phase: "fresh", target: "url", args: ["system", "presence", "--json"] },
  { name: "logs", phase: "fresh", target: "url", args: ["logs", "--limit", "5", "--plain"], compare: "log-lines" },
  { name: "logs-json", phase: "fresh", target: "url", args: ["logs", "--limit", "3", "--json"], compare: "log-lines" },
  { name: "cron-list", phase: "fresh", target: "url", args: ["cron", "list", "--all"] },
  { name: "cron-list-json", phase: "fresh", target: "url", args: ["cron", "list", "--all", "--json"] },
  { name: "cron-status", phase: "fresh", target: "url", args: ["cron", "status"] },
  { name: "approvals-get", phase: "fresh", target: "url", args: ["approvals", "get", "--gateway"] },
  { name: "approvals-get-json", phase: "fresh", target: "url", args: ["approvals", "get", "--gateway", "--json"] },
  { name: "sessions", phase: "fresh", target: "local", args: ["sessions"] },
  { name: "config-get", phase: "fresh", target: "local", args: ["config", "get", "gateway"] },
  { name: "call-status", phase: "fresh", target: "url", args: ["gateway", "call", "status"], known: NO_DEFAULT_MODEL },
  { name: "call-health", phase: "fresh", target: "url", args: ["gateway", "call", "health"] },
  { name: "call-sessions.list", phase: "fresh", target: "url", args: ["gateway", "call", "sessions.list", "--json"], known: NO_DEFAULT_MODEL },
  { name: "call-config.get", phase: "fresh", target: "url", args: ["gateway", "call", "config.get", "--json"], known: V3_CONFIG_DEFAULTS },
  { name: "call-cron.update-no-id", phase: "fresh", target: "url", args: ["gateway", "call", "cron.update", "--params", '{"patch":{"enabled":false}}'] },
  { name: "call-cron.remove-no-id", phase: "fresh", target: "url", args: ["gateway", "call", "cron.remove", "--params", "{}"] },
  { name: "call-cron.run-no-id", phase: "fresh", target: "url", args: ["gateway", "call", "cron.run", "--params", "{}"] },
  { name: "call-unknown", phase: "fresh", target: "url", args: ["gateway", "call", "unknown.method"] },

  // State: a cron job, an allowlist entry, a couple of log lines (the commands themselves).
  {
    name: "cron-add",
    phase: "state",
    target: "url",
    args: ["cron", "add", "--json", "--name", "probe", "--every", "1h", "--session", "main", "--system-event", "ping"],
    capture: (out) => ({ JOB: /"id":\s*"([^"]+)"/.exec(out)?.[1] ?? "missing" }),
  },
  { name: "cron-list-state", phase: "state", target: "url", args: ["cron", "list", "--all"] },
  { name: "cron-list-state-json", phase: "state", target: "url", args: ["cron", "list", "--all", "--json"] },
  { name: "cron-status-state", phase: "state", target: "url", args: ["cron", "status"] },
  { name: "cron-edit", phase: "state", target: "url", args: ["cron", "edit", "{JOB}", "--name", "probe2", "--every", "2h"] },
  { name: "cron-disable", phase: "state", target: "url", args: ["cron", "disable", "{JOB}"] },
  { name: "cron-enable", phase: "state", target: "url", args: ["cron", "enable", "{JOB}"] },
  { name: "cron-run", phase: "state", target: "url", args: ["cron", "run", "{JOB}"] },
  { name: "cron-runs", phase: "state", target: "url", args: ["cron", "runs", "--id", "{JOB}"] },
  { name: "cron-list-after-run", phase: "state", target: "url", args: ["cron", "list", "--all", "--json"] },
  { name: "cron-rm", phase: "state", target: "url", args: ["cron", "rm", "{JOB}"] },
  { name: "cron-rm-json", phase: "state", target: "url", args: ["cron", "rm", "{JOB}", "--json"] },
  { name: "approvals-add", phase: "state", target: "url", args: ["approvals", "allowlist", "add", "--gateway", "/usr/bin/uptime"] },
  { name: "approvals-get-state", phase: "state", target: "url", args: ["approvals", "get", "--gateway"] },
  { name: "approvals-get-state-json", phase: "state", target: "url", args: ["approvals", "get", "--gateway", "--json"] },
  { name: "approvals-remove", phase: "state", target: "url", args: ["approvals", "allowlist", "remove", "--gateway", "/usr/bin/uptime"] },
  // A node host (the reference's own) connects and is paired silently on loopback.
  {
    name: "node-host",
    phase: "state",
    target: "env",
    args: ["node", "run", "--host", "127.0.0.1", "--port", "{PORT}", "--display-name", "probe-node"],
    background: true,
    waitMs: 25_000,
    compare: "none",
  },
  { name: "nodes-list-state", phase: "state", target: "url", args: ["nodes", "list"], known: NODE_PAIRING },
  { name: "nodes-status-state", phase: "state", target: "url", args: ["nodes", "status"], known: NODE_COMMAND_POLICY },
  { name: "nodes-status-state-json", phase: "state", target: "url", args: ["nodes", "status", "--json"], known: NODE_COMMAND_POLICY },
  { name: "devices-list-state", phase: "state", target: "url", args: ["devices", "list"] },
  { name: "system-presence-state", phase: "state", target: "url", args: ["system", "presence", "--json"] },
  { name: "logs-state", phase: "state", target: "url", args: ["logs", "--limit", "5", "--plain"], compare: "log-lines" },
  {
    name: "config-patch",
    phase: "state",
    target: "url",
    args: ["gateway", "call", "config.get", "--json"],
    compare: "none",
    capture: (out) => ({ HASH: /"hash":\s*"([^"]+)"/.exec(out)?.[1] ?? "missing" }),
  },
  {
    name: "call-config.patch",
    phase: "state",
    target: "url",
    args: ["gateway", "call", "config.patch", "--json", "--params", '{"raw":"{\\"logging\\":{\\"level\\":\\"info\\"}}","baseHash":"{HASH}"}'],
    known:
      "v3 restarts on every config write (restart {mode: emit, signal, pid, delayMs 2000} and a sentinel); this gateway applies logging.level in place (restart.mode hot, hotPaths; a sentinel only when a restart follows) and also sends hash and restartRequired; " +
      V3_CONFIG_DEFAULTS,
  },
];
