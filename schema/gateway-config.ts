/** The gateway's config file (`tidegate.json`, JSON5). Not on the wire; its JSON Schema is generated for editors. */
import { constants } from "./constants.js";
import { Bool, Enum, Int, List, Obj, Opt, Str } from "./primitives.js";

const LIMITS = constants.LIMITS.value;
const PORT = constants.DEFAULT_PORTS.value.default;

export const AuthSettings = Obj("AuthSettings", "How clients authenticate with a shared secret. Device tokens work in every mode.", {
  mode: Opt(Enum("AuthSettingsMode", "`token` (default), `password`, or `none` (loopback only).", ["token", "password", "none"])),
  token: Opt(Str("Shared token. When absent in token mode, one is generated once and kept in the state directory.", { maxLength: 4096 })),
  password: Opt(Str("Shared password (password mode).", { maxLength: 4096 })),
  trustLocalWithoutDevice: Opt(
    Bool(
      "Let local clients (loopback peer, loopback or allowed `Host`, no browser `Origin`, no untrusted forwarding headers) that present the shared secret WITHOUT a device identity get the operator scopes they ask for (default false). Off: a connection without a device identity gets no operator scopes. Remote clients never get scopes without a device identity.",
    ),
  ),
});

export const GatewayLimits = Obj("GatewayLimits", "Bounds on what one client may cost.", {
  maxPayload: Opt(Int(`Largest frame accepted after the handshake, in bytes (default ${LIMITS.maxPayload}).`, { minimum: 1024, maximum: 26214400 })),
  maxBufferedBytes: Opt(Int(`Outbound buffer per socket before events are dropped or the socket closed (default ${LIMITS.maxBufferedBytes}).`, { minimum: 16384 })),
  handshakeTimeoutMs: Opt(Int(`Close sockets that have not completed \`connect\` after this long (default ${LIMITS.handshakeTimeoutMs}).`, { minimum: 100, maximum: 120000 })),
  maxConnections: Opt(Int("Most open sockets (default 4096).", { minimum: 1 })),
  maxConnectionsPerAddress: Opt(Int("Most open sockets from one address (default 256).", { minimum: 1 })),
  maxPendingConnections: Opt(Int("Most TCP connections not yet upgraded to WebSocket (default 1024); more are closed at once (HTTP 503).", { minimum: 1 })),
  maxPendingConnectionsPerAddress: Opt(Int("Most TCP connections not yet upgraded to WebSocket from one address (default 32); more are closed at once (HTTP 429).", { minimum: 1 })),
  firstByteTimeoutMs: Opt(Int("Close a TCP connection that has sent nothing after this long (default 5000).", { minimum: 100, maximum: 120000 })),
  headersTimeoutMs: Opt(Int("Answer HTTP 408 and close when a request's headers are not complete after this long (default 10000).", { minimum: 100, maximum: 120000 })),
  pingIntervalMs: Opt(Int("Ping every WebSocket this often; one that has not answered the previous ping is closed as dead (default 20000).", { minimum: 100, maximum: 600000 })),
});

export const GatewaySettings = Obj("GatewaySettings", "The listener and its policies.", {
  port: Opt(Int(`TCP port (default ${PORT}).`, { minimum: 1, maximum: 65535 })),
  bind: Opt(Enum("BindMode", "`loopback` (default), `lan` (all interfaces) or `custom` (with `host`).", ["loopback", "lan", "custom"])),
  host: Opt(Str("Address to bind with `bind: custom`.")),
  auth: Opt(AuthSettings),
  allowedOrigins: Opt(List(Str("An origin, such as `http://localhost:5173`."), "Browser origins allowed to open a WebSocket. Others get HTTP 403.")),
  allowedHosts: Opt(
    List(
      Str("A host name, optionally with `:port`, such as `mybox.local` or `mybox.local:18789`.", { maxLength: 255 }),
      "`Host` header values that count as local besides `localhost`, `127.x.x.x` and `[::1]` (DNS-rebinding defence: a loopback client whose `Host` is any other name is not local).",
    ),
  ),
  tickIntervalMs: Opt(Int(`Interval of \`tick\` events (default ${LIMITS.tickIntervalMs}).`, { minimum: 1000 })),
  healthIntervalMs: Opt(Int(`Interval of \`health\` events (default ${LIMITS.healthIntervalMs}).`, { minimum: 1000 })),
  limits: Opt(GatewayLimits),
  trustedProxies: Opt(List(Str("An address."), "Peers whose forwarded headers are believed.")),
  logRequests: Opt(Bool("Log every request with its method, caller, outcome and duration at `info` (default false).")),
});

export const GatewayConfig = Obj("GatewayConfig", "The gateway config file.", {
  gateway: Opt(GatewaySettings),
});
