/** The wire protocol version this toolchain and gateway speak (OpenClaw gateway protocol v3). */
export const PROTOCOL_VERSION = 3;
