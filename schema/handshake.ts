/** The `connect` handshake: challenge, params, device proof and `hello-ok`. */
import { Bool, Const, Described, Dict, Enum, Int, List, Obj, Opt, Str, Text } from "./primitives.js";
import { Snapshot } from "./snapshot.js";

export const ConnectChallenge = Obj("ConnectChallenge", "Sent by the gateway as the first frame on every socket; the device signature must include `nonce`.", {
  nonce: Str("Random per-socket nonce (a UUID)."),
  ts: Int("Gateway time when the socket opened (ms since epoch)."),
});

export const Role = Enum("Role", "What a connection acts as: an operator client or a node that serves commands.", ["operator", "node"]);

export const Scope = Enum("Scope", "An operator permission. `operator.admin` passes every check; `operator.write` also satisfies `operator.read`.", [
  "operator.admin",
  "operator.read",
  "operator.write",
  "operator.approvals",
  "operator.pairing",
]);

export const ClientMode = Enum("ClientMode", "How the client runs.", ["cli", "node", "ui", "webchat", "backend", "probe", "test"]);

export const ConnectClient = Obj("ConnectClient", "Who is connecting.", {
  id: Str("Client id, such as `cli`, `node-host` or `openclaw-ios`.", { maxLength: 128 }),
  displayName: Opt(Str("Human-readable name of this client or node.", { maxLength: 256 })),
  version: Str("Client version.", { maxLength: 128 }),
  platform: Str("Operating system, such as `linux`, `darwin` or `ios`.", { maxLength: 128 }),
  deviceFamily: Opt(Str("Device family, such as `iPhone`.", { maxLength: 128 })),
  modelIdentifier: Opt(Str("Hardware model identifier.", { maxLength: 128 })),
  mode: ClientMode,
  instanceId: Opt(Str("Stable id of this client installation.", { maxLength: 256 })),
});

export const ConnectAuth = Obj("ConnectAuth", "Credentials. Empty or whitespace-only values count as absent.", {
  token: Opt(Text("The gateway's shared token.", { maxLength: 4096 })),
  password: Opt(Text("The gateway's shared password.", { maxLength: 4096 })),
  deviceToken: Opt(Text("A device token issued earlier in `hello-ok.auth`.", { maxLength: 4096 })),
});

export const DeviceProof = Obj("DeviceProof", "Proof that the client holds the Ed25519 key of a device identity.", {
  id: Str("Lowercase hex SHA-256 of the raw 32-byte public key.", { maxLength: 128 }),
  publicKey: Str("Base64url of the raw 32-byte Ed25519 public key.", { maxLength: 128 }),
  signature: Str("Base64url Ed25519 signature over the v3 (or v2) signed string.", { maxLength: 256 }),
  signedAt: Int("When the signature was made (ms since epoch); must be within 2 minutes of gateway time."),
  nonce: Str("The nonce from this socket's `connect.challenge`.", { maxLength: 128 }),
});

export const ConnectParams = Obj("ConnectParams", "Parameters of `connect`, the first request on every socket.", {
  minProtocol: Int("Lowest protocol version the client speaks.", { minimum: 1 }),
  maxProtocol: Int("Highest protocol version the client speaks.", { minimum: 1 }),
  client: ConnectClient,
  caps: Opt(List(Str("A capability.", { maxLength: 128 }), "Capability families a node offers, such as `system`.", { maxItems: 256 })),
  commands: Opt(List(Str("A command.", { maxLength: 128 }), "Commands a node serves, such as `system.run`.", { maxItems: 1024 })),
  permissions: Opt(Dict(Bool("Granted or not."), "OS permissions a node holds, by name.")),
  pathEnv: Opt(Text("The node's PATH.", { maxLength: 16384 })),
  role: Opt(Described(Role, "Requested role; `operator` when absent.")),
  scopes: Opt(List(Str("A scope.", { maxLength: 128 }), "Requested scopes. A request only: the gateway decides what is granted.", { maxItems: 64 })),
  auth: Opt(ConnectAuth),
  locale: Opt(Text("Client locale, such as `en-US`.", { maxLength: 64 })),
  userAgent: Opt(Text("Client user agent.", { maxLength: 512 })),
  device: Opt(DeviceProof),
});

export const HelloServer = Obj("HelloServer", "About the gateway that answered.", {
  version: Str("Gateway version."),
  connId: Str("Id of this connection."),
  host: Opt(Str("Gateway host name.")),
  tlsFingerprint: Opt(Str("SHA-256 fingerprint of the gateway's TLS certificate (`AA:BB:…`), when it serves TLS. Pin it in clients.")),
});

export const HelloFeatures = Obj("HelloFeatures", "What the gateway supports.", {
  methods: List(Str("A method name."), "Every method this gateway answers."),
  events: List(Str("An event name."), "Every event this gateway may send."),
});

export const HelloAuth = Obj("HelloAuth", "The device token issued for this (device, role); present it later as `auth.deviceToken`.", {
  deviceToken: Str("Secret device token."),
  role: Role,
  scopes: List(Scope, "Scopes granted to this device and role."),
  issuedAtMs: Opt(Int("When the token was issued (ms since epoch).")),
});

export const HelloPolicy = Obj("HelloPolicy", "Limits the client must respect.", {
  maxPayload: Int("Largest frame the gateway accepts after the handshake, in bytes.", { minimum: 1 }),
  maxBufferedBytes: Int("Outbound buffer per socket before events are dropped or the socket closed.", { minimum: 1 }),
  tickIntervalMs: Int("Interval of `tick` events; clients close after two missed ticks.", { minimum: 1 }),
});

export const HelloOk = Obj("HelloOk", "The successful answer to `connect`.", {
  type: Const("hello-ok", "Payload kind."),
  protocol: Int("Negotiated protocol version.", { minimum: 1 }),
  server: HelloServer,
  features: HelloFeatures,
  snapshot: Snapshot,
  policy: HelloPolicy,
  auth: Opt(HelloAuth),
  canvasHostUrl: Opt(Str("Base URL of the canvas host, when one runs.")),
});
