/**
 * Every channel the gateway knows, in display order. A channel is one folder
 * under runtime/channels/ exporting a `ChannelPlugin`; add it here with one line.
 */
import { ircPlugin } from "./irc/index.js";
import type { ChannelPlugin } from "./types.js";
import { webchatPlugin } from "./webchat/plugin.js";

export const CHANNEL_PLUGINS: readonly ChannelPlugin[] = [webchatPlugin, ircPlugin];
