/** Preact hooks over the connection: its state, one call's result, one event stream. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from "../../generated/ts/types.js";
import { type ConnectionState, connection } from "./connection.js";

export function useConnection(): ConnectionState {
  const [state, setState] = useState(connection.get());
  useEffect(() => connection.subscribe(setState), []);
  return state;
}

export interface CallState<T> {
  data?: T;
  error?: Error & { detailCode?: string };
  loading: boolean;
  reload(): void;
}

/** Call `method` once connected (and again on `reload()` or when `key` changes). Skipped when `params` is null. */
export function useCall<M extends MethodName>(method: M, params: MethodParams<M> | null, key = ""): CallState<MethodResult<M>> {
  const { client, status } = useConnection();
  const [state, setState] = useState<Omit<CallState<MethodResult<M>>, "reload">>({ loading: true });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    if (!client || status !== "connected" || params === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    (client.request(method, params) as Promise<MethodResult<M>>).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [client, status, method, key, tick]);
  return { ...state, reload };
}

/** Run `listener` for each `event` while mounted and connected. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const { client } = useConnection();
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => client?.on(event, (payload) => current.current(payload)), [client, event]);
}

/** Call a method on demand (buttons): `run(params)` resolves with the result or sets `error`. */
export function useAction<M extends MethodName>(method: M): { run(params: MethodParams<M>): Promise<MethodResult<M> | undefined>; error?: Error; busy: boolean } {
  const { client } = useConnection();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const run = async (params: MethodParams<M>) => {
    if (!client) return undefined;
    setBusy(true);
    setError(undefined);
    try {
      return (await client.request(method, params)) as MethodResult<M>;
    } catch (e) {
      setError(e as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, busy };
}

/** Run `tick` every `ms` while mounted (a refresh, or a re-render so relative times move on). */
export function useInterval(tick: () => void, ms: number): void {
  const current = useRef(tick);
  current.current = tick;
  useEffect(() => {
    const timer = setInterval(() => current.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
