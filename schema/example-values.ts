/** Values shared by the registry's examples (which become docs, test vectors and Kotlin round-trip tests). */
export const T0 = 1795285880000;
export const DEVICE = "4522c3ea8ac7bfbc57b4435039edd7d93a4a9294d08a83d8e94b3be799fdfab4";
export const NODE = "8da7d515f2c4496192aae480be3611ea803db6e126555402fd3e715bbe10a8b4";
export const HEALTH = { ok: true, ts: T0, durationMs: 0, channels: {}, channelOrder: [], channelLabels: {}, defaultAgentId: "main" };
export const SV = { presence: 2, health: 7 };
export const NODE_INFO = {
  nodeId: NODE,
  displayName: "testnode",
  platform: "linux",
  version: "2026.3.2",
  caps: ["browser", "system"],
  commands: ["system.run", "system.which"],
  pathEnv: "/usr/local/bin:/usr/bin:/bin",
  connectedAtMs: T0,
  paired: true,
  connected: true,
};
export const JOB = {
  id: "daily-digest",
  name: "Daily digest",
  enabled: true,
  createdAtMs: T0,
  updatedAtMs: T0,
  schedule: { kind: "cron" as const, expr: "0 8 * * *", tz: "Europe/Berlin" },
  sessionTarget: "isolated" as const,
  wakeMode: "now" as const,
  payload: { kind: "agentTurn" as const, message: "Summarise my inbox." },
  state: { nextRunAtMs: T0 + 3600000 },
};
export const SESSION = { key: "agent:main:main", kind: "direct", sessionId: "c0ffee", updatedAt: T0, label: "Main", model: "gpt-5", totalTokensFresh: true };
export const SESSION_ENTRY = { sessionId: "c0ffee", updatedAt: T0, label: "Main" };
export const PAIR_REQ = {
  requestId: "req-1",
  deviceId: DEVICE,
  publicKey: "eWxqVM3TugFaeE9ewY-XkqY6vEGCEdTzN0vHuwXlsHY",
  displayName: "laptop",
  platform: "linux",
  clientId: "cli",
  clientMode: "cli",
  role: "operator",
  roles: ["operator"],
  scopes: ["operator.read"],
  remoteIp: "192.0.2.7",
  isRepair: false,
  ts: T0,
};
export const PAIRED = {
  deviceId: DEVICE,
  publicKey: "eWxqVM3TugFaeE9ewY-XkqY6vEGCEdTzN0vHuwXlsHY",
  displayName: "laptop",
  platform: "linux",
  clientId: "cli",
  clientMode: "cli",
  role: "operator",
  roles: ["operator"],
  scopes: ["operator.read"],
  tokens: [{ role: "operator", scopes: ["operator.read"], createdAtMs: T0, lastUsedAtMs: T0 + 5000 }],
  createdAtMs: T0,
  approvedAtMs: T0,
};
export const PRESENCE_SELF = {
  host: "vm",
  ip: "192.0.2.2",
  version: "0.1.0",
  platform: "linux 6.18.44",
  deviceFamily: "Linux",
  modelIdentifier: "x64",
  mode: "gateway",
  reason: "self",
  text: "Gateway: vm (192.0.2.2) · app 0.1.0 · mode gateway · reason self",
  ts: T0,
};
export const APPROVALS = { version: 1, defaults: { security: "allowlist" as const, ask: "on-miss" as const }, agents: { "*": { allowlist: [{ pattern: "/usr/bin/git" }] } } };
export const FILE = { name: "AGENTS.md", path: "~/agent/AGENTS.md", missing: false, size: 12, updatedAtMs: T0 };
