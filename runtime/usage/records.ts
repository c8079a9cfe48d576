import { readTextIfExistsAsync } from "../../common/read-text.js";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { textOf } from "../sessions/transcript.js";

export interface Tokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
}

export interface UsageRecord {
  role: string;
  ts?: number;
  text: string;
  provider?: string;
  model?: string;
  stopReason?: string;
  /** Tokens of an assistant message. */
  usage?: Tokens;
  /** Its cost in USD: recorded in the line, else from the config's price; undefined when unknown. */
  cost?: number;
  costBreakdown?: { input: number; output: number; cacheRead: number; cacheWrite: number };
  toolNames: string[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Token counts under any of the usual spellings (ours, v3's, OpenAI's, Anthropic's). */
export function normalizeTokens(raw: unknown): Tokens | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const input = num(r.input ?? r.inputTokens ?? r.input_tokens ?? r.promptTokens ?? r.prompt_tokens);
  const output = num(r.output ?? r.outputTokens ?? r.output_tokens ?? r.completionTokens ?? r.completion_tokens);
  const cacheRead = num(r.cacheRead ?? r.cache_read ?? r.cache_read_input_tokens);
  const cacheWrite = num(r.cacheWrite ?? r.cache_write ?? r.cache_creation_input_tokens);
  const total = num(r.total ?? r.totalTokens ?? r.total_tokens);
  if ([input, output, cacheRead, cacheWrite, total].every((v) => v === undefined)) return undefined;
  const t = { input: Math.max(0, input ?? 0), output: output ?? 0, cacheRead: cacheRead ?? 0, cacheWrite: cacheWrite ?? 0 };
  return { ...t, total: total ?? t.input + t.output + t.cacheRead + t.cacheWrite };
}

/** The configured price of `provider/model`, if any. */
export function modelCost(config: GatewayConfig, provider: string | undefined, model: string | undefined) {
  if (!provider || !model) return undefined;
  return config.models?.providers?.[provider]?.models?.find((m) => m.id === model)?.cost;
}

/** Parse one line; undefined when it is not a message. */
export function usageRecordOf(line: string, config: GatewayConfig): UsageRecord | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const m = (value.type === "message" && value.message && typeof value.message === "object" ? value.message : value) as Record<string, unknown>;
  if (typeof m.role !== "string") return undefined;
  const ts = num(m.ts) ?? num(m.timestamp) ?? (typeof value.timestamp === "string" ? Date.parse(value.timestamp) || undefined : undefined);
  let provider = typeof m.provider === "string" ? m.provider : undefined;
  let model = typeof m.model === "string" ? m.model : undefined;
  if (!provider && model?.includes("/")) [provider, model] = [model.slice(0, model.indexOf("/")), model.slice(model.indexOf("/") + 1)];
  const toolNames = Array.isArray(m.content)
    ? m.content.flatMap((b) =>
        b && typeof b === "object" && ((b as { type?: string }).type === "toolCall" || (b as { type?: string }).type === "tool_use") ? [String((b as { name?: unknown }).name ?? "tool")] : [],
      )
    : [];
  const record: UsageRecord = { role: m.role, text: textOf(m.content), toolNames, ...(ts !== undefined ? { ts } : {}) };
  if (provider) record.provider = provider;
  if (model) record.model = model;
  if (typeof m.stopReason === "string") record.stopReason = m.stopReason;
  const rawUsage = m.role === "assistant" ? (m.usage ?? value.usage) : undefined;
  const usage = normalizeTokens(rawUsage);
  if (usage) {
    record.usage = usage;
    const recorded = (rawUsage as { cost?: Record<string, unknown> }).cost;
    const total = num(recorded?.total);
    if (recorded && total !== undefined && total >= 0) {
      record.cost = total;
      record.costBreakdown = { input: num(recorded.input) ?? 0, output: num(recorded.output) ?? 0, cacheRead: num(recorded.cacheRead) ?? 0, cacheWrite: num(recorded.cacheWrite) ?? 0 };
    } else {
      const price = modelCost(config, provider, model);
      if (price) {
        const part = (tokens: number, perMillion = 0) => (tokens * perMillion) / 1e6;
        record.costBreakdown = {
          input: part(usage.input, price.input),
          output: part(usage.output, price.output),
          cacheRead: part(usage.cacheRead, price.cacheRead),
          cacheWrite: part(usage.cacheWrite, price.cacheWrite),
        };
        const b = record.costBreakdown;
        record.cost = b.input + b.output + b.cacheRead + b.cacheWrite;
      }
    }
  }
  return record;
}

/** Every message of a transcript file (a missing file has none; a torn line is skipped). Reads the file in one go, parsing between awaits. */
export async function* readUsageRecords(path: string, config: GatewayConfig): AsyncGenerator<UsageRecord> {
  const text = await readTextIfExistsAsync(path);
  if (text === undefined) return;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const record = usageRecordOf(line, config);
    if (record) yield record;
  }
}
