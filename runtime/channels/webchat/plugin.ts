/**
 * The built-in webchat: the Control UI's and `chat.send`'s channel. Its
 * messages enter the pipeline through `ChannelPipeline.webchat` (operators are
 * authenticated, so only truncation and the flood limit apply) and its replies
 * go out as the `chat` events of the run. It has no connection of its own.
 */
import type { ChannelPlugin } from "../types.js";

export const webchatPlugin: ChannelPlugin = {
  id: "webchat",
  label: "WebChat",
  detailLabel: "Control UI chat",
  internal: true,
  limits: { maxMessageChars: 1_048_576, maxInboundChars: 1_048_576 },
  validate: () => [],
  create(context) {
    return {
      async start() {
        context.report({ connected: true, lastConnectedAt: context.now() });
      },
      async stop() {},
      async send() {
        throw new Error("webchat replies reach the Control UI as chat events; use chat.send");
      },
    };
  },
};
