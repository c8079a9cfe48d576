/**
 * Child process of the pairing store's kill -9 test: approves senders one
 * after another on the store in `argv[2]`, printing `acked <sender>` once each
 * approval is acknowledged (on disk), until it is killed.
 */
import { PairingStore } from "./pairing-store.js";

const dir = process.argv[2];
const start = Number(process.argv[3] ?? 0);
const store = new PairingStore(dir, Date.now, 1000);
for (let i = start; ; i++) {
  const sender = `user${i}`;
  const outcome = await store.request("irc", "default", sender);
  if (outcome.kind === "full") throw new Error("pending queue full");
  await store.approve("irc", outcome.request.code);
  process.stdout.write(`acked ${sender}\n`);
  // Leave a pending code behind too, so the file always holds both kinds.
  await store.request("irc", "default", `waiting${i}`);
}
