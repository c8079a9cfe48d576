import { describe, expect, it } from "vitest";
import { CommandBackend } from "./command.js";
import { OpenAiChatBackend } from "./openai-chat.js";
import { ModelProviders } from "./providers.js";

describe("model providers", () => {
  it("names the config key when nothing is configured", () => {
    const none = new ModelProviders({});
    expect(() => none.defaultRef()).toThrow(/set models\.providers/);
    expect(() => none.resolve("gpt-4o")).toThrow(/set models\.providers/);
    expect(none.list()).toEqual([]);
  });

  it("resolves provider/model and bare ids, lists models", () => {
    const p = new ModelProviders(
      {
        providers: {
          local: { baseUrl: "http://127.0.0.1:1/v1", models: [{ id: "llama3.2", contextWindow: 8192 }, { id: "qwen" }] },
          cli: { api: "command", command: "/bin/cat", models: [{ id: "cat", name: "Cat" }] },
        },
      },
      {},
    );
    expect(p.defaultRef()).toBe("local/llama3.2");
    expect(p.resolve("qwen")).toMatchObject({ provider: "local", model: "qwen", ref: "local/qwen" });
    expect(p.resolve("local/anything").backend).toBeInstanceOf(OpenAiChatBackend);
    expect(p.resolve("cli/cat").backend).toBeInstanceOf(CommandBackend);
    expect(() => p.resolve("gpt-9")).toThrow(/unknown model 'gpt-9'; configured: local\/llama3.2, local\/qwen, cli\/cat/);
    expect(p.list()).toEqual([
      { id: "llama3.2", name: "llama3.2", provider: "local", contextWindow: 8192 },
      { id: "qwen", name: "qwen", provider: "local" },
      { id: "cat", name: "Cat", provider: "cli" },
    ]);
  });

  it("reads the API key from the environment and says when it is missing", () => {
    const p = new ModelProviders({ providers: { oa: { baseUrl: "https://example.invalid/v1", apiKeyEnv: "OA_KEY", models: [{ id: "m" }] } } }, {});
    expect(() => p.resolve("oa/m")).toThrow(/apiKeyEnv names OA_KEY, which is not set/);
    const q = new ModelProviders({ providers: { oa: { baseUrl: "https://example.invalid/v1", apiKeyEnv: "OA_KEY", models: [{ id: "m" }] } } }, { OA_KEY: "k" });
    expect(q.resolve("oa/m").provider).toBe("oa");
  });
});
