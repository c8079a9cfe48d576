/** WebSocket close codes the gateway uses, in one place (protocol v3's meanings). */
export const CloseCode = {
  /** `minProtocol`/`maxProtocol` exclude the gateway's version. */
  protocolMismatch: 1002,
  /** A binary frame. */
  unsupported: 1003,
  /** Handshake, auth, origin, pairing, handshake timeout, slow consumer, revoked token, flood. */
  policy: 1008,
  /** A frame over the size limit of its phase. */
  tooBig: 1009,
  /** The gateway is shutting down or restarting. */
  restart: 1012,
} as const;
