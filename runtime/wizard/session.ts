/**
 * A wizard session: a flow (an async function) asks questions through a
 * `Prompter`, and a client answers them one step at a time over RPC
 * (`wizard.next`). Each question is a step the client renders (`note`,
 * `select`, `text`, `confirm`, `multiselect`); the flow waits until the step is
 * answered. An answer is checked BEFORE the flow sees it: a wrong one is an
 * error to the caller and the same step stays current, so the client can ask
 * again. Answers are never kept, logged or echoed (sensitive steps included).
 */
import { randomUUID } from "node:crypto";
import type { WizardNextResult, WizardRunStatus, WizardStep, WizardStepOption } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";

/** Thrown into a flow whose session was cancelled. */
export class WizardCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "WizardCancelled";
  }
}

export interface SelectOption<T> {
  value: T;
  label: string;
  hint?: string;
}

/** What a flow asks with. Each call resolves with the checked answer. */
export interface Prompter {
  note(title: string, message: string): Promise<void>;
  select<T extends string>(params: { title?: string; message: string; options: SelectOption<T>[]; initialValue?: T }): Promise<T>;
  multiselect<T extends string>(params: { title?: string; message: string; options: SelectOption<T>[]; initialValues?: T[] }): Promise<T[]>;
  /** `validate` returns why a value is wrong (said to the client), or undefined. */
  text(params: { title?: string; message: string; initialValue?: string; placeholder?: string; sensitive?: boolean; validate?: (value: string) => string | undefined }): Promise<string>;
  confirm(params: { title?: string; message: string; initialValue?: boolean }): Promise<boolean>;
}

export type WizardFlow = (prompter: Prompter) => Promise<void>;

interface Pending {
  step: WizardStep;
  /** The answer as the flow gets it, or a GatewayError. */
  check(value: unknown): unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const bad = (message: string) => new GatewayError("INVALID_PARAMS", message, { field: "answer.value" });

export class WizardSession {
  readonly id = randomUUID();
  private state: WizardRunStatus = "running";
  private failure?: string;
  private pending?: Pending;
  /** Callers of `next()` waiting for the flow's next step or its end. */
  private waiters: (() => void)[] = [];
  /** Last call from a client (idle sessions are cancelled by the service). */
  touchedAt = Date.now();

  /** `onFailure` hears errors other than cancellation and GatewayErrors (for the log; the client gets a generic message). */
  constructor(
    flow: WizardFlow,
    private readonly onFailure?: (error: unknown) => void,
  ) {
    void this.run(flow);
  }

  get status(): WizardRunStatus {
    return this.state;
  }

  get error(): string | undefined {
    return this.failure;
  }

  private async run(flow: WizardFlow): Promise<void> {
    try {
      await flow(this.prompter());
      if (this.state === "running") this.state = "done";
    } catch (error) {
      if (this.state === "running") {
        this.state = error instanceof WizardCancelled ? "cancelled" : "error";
        this.failure = error instanceof WizardCancelled ? "cancelled" : error instanceof GatewayError ? error.message : "the wizard failed; see the gateway log";
        if (!(error instanceof WizardCancelled || error instanceof GatewayError)) this.onFailure?.(error);
      }
    } finally {
      this.pending = undefined;
      this.wake();
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private ask<T>(step: Omit<WizardStep, "id">, check: (value: unknown) => T): Promise<T> {
    if (this.state !== "running") return Promise.reject(new WizardCancelled());
    return new Promise<T>((resolve, reject) => {
      this.pending = { step: { ...step, id: randomUUID(), executor: "client" }, check, resolve: resolve as (v: unknown) => void, reject };
      this.wake();
    });
  }

  private prompter(): Prompter {
    const options = <T>(list: SelectOption<T>[]): WizardStepOption[] => list.map((o) => ({ value: o.value, label: o.label, ...(o.hint ? { hint: o.hint } : {}) }));
    return {
      note: (title, message) => this.ask({ type: "note", title, message }, () => undefined),
      select: ({ title, message, options: list, initialValue }) =>
        this.ask({ type: "select", ...(title && { title }), message, options: options(list), ...(initialValue !== undefined && { initialValue }) }, (value) => {
          const chosen = value === undefined ? initialValue : value;
          const match = list.find((o) => same(o.value, chosen));
          if (!match) throw bad(`choose one of: ${list.map((o) => JSON.stringify(o.value)).join(", ")}`);
          return match.value;
        }),
      multiselect: ({ title, message, options: list, initialValues }) =>
        this.ask({ type: "multiselect", ...(title && { title }), message, options: options(list), ...(initialValues && { initialValue: initialValues }) }, (value) => {
          const chosen = value === undefined ? (initialValues ?? []) : value;
          if (!Array.isArray(chosen)) throw bad("answer with a list of the option values");
          const out = chosen.map((v) => list.find((o) => same(o.value, v)));
          if (out.some((o) => !o)) throw bad(`each value must be one of: ${list.map((o) => JSON.stringify(o.value)).join(", ")}`);
          return out.map((o) => o!.value);
        }),
      text: ({ title, message, initialValue, placeholder, sensitive, validate }) =>
        this.ask(
          { type: "text", ...(title && { title }), message, ...(initialValue !== undefined && { initialValue }), ...(placeholder && { placeholder }), ...(sensitive && { sensitive: true }) },
          (value) => {
            const raw = value === undefined || value === null ? (initialValue ?? "") : value;
            if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") throw bad("answer with text");
            const text = String(raw).trim();
            const why = validate?.(text);
            if (why) throw bad(why);
            return text;
          },
        ),
      confirm: ({ title, message, initialValue }) =>
        this.ask({ type: "confirm", ...(title && { title }), message, ...(initialValue !== undefined && { initialValue }) }, (value) => {
          const answer = value === undefined ? initialValue : value;
          if (typeof answer !== "boolean") throw bad("answer true or false");
          return answer;
        }),
    };
  }

  /** The current step, waiting for the flow to ask one; or the end. */
  async next(): Promise<WizardNextResult> {
    this.touchedAt = Date.now();
    while (this.state === "running" && !this.pending) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.pending) return { done: false, step: this.pending.step, status: this.state };
    return { done: true, status: this.state, ...(this.failure !== undefined && { error: this.failure }) };
  }

  /** Answer the current step; a wrong step id or a bad value throws and the step stays current. */
  answer(stepId: string, value: unknown): void {
    this.touchedAt = Date.now();
    if (this.state !== "running") throw new GatewayError("CONFLICT", `the wizard is not running (it is ${this.state}); start a new one`, { status: this.state });
    const pending = this.pending;
    if (!pending || pending.step.id !== stepId)
      throw new GatewayError("CONFLICT", pending ? `step '${stepId}' is not the current step; answer step '${pending.step.id}'` : "the wizard has no step waiting for an answer", {
        ...(pending && { currentStepId: pending.step.id }),
      });
    const checked = pending.check(value);
    this.pending = undefined;
    pending.resolve(checked);
  }

  /** Stop the flow; a finished session stays as it ended. */
  cancel(): void {
    if (this.state !== "running") return;
    this.state = "cancelled";
    this.failure = "cancelled";
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(new WizardCancelled());
    this.wake();
  }
}
