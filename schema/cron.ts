/** `cron.*`: scheduled jobs. */
import { Bool, Const, Described, Enum, Int, List, NoParams, Obj, Opt, Str, Tagged, Text, Nullable, Type } from "./primitives.js";

const JobId = Str("Job id (no `/` or `\\`).", { pattern: "^[^/\\\\]+$" });

export const CronScheduleAt = Obj("CronScheduleAt", "Run once at a point in time.", {
  kind: Const("at", "Schedule kind."),
  at: Str("ISO 8601 time."),
});

export const CronScheduleEvery = Obj("CronScheduleEvery", "Run at a fixed interval.", {
  kind: Const("every", "Schedule kind."),
  everyMs: Int("Interval in milliseconds.", { minimum: 1 }),
  anchorMs: Opt(Int("Align runs to this time (ms since epoch).")),
});

export const CronScheduleCron = Obj("CronScheduleCron", "Run on a cron expression.", {
  kind: Const("cron", "Schedule kind."),
  expr: Str("Cron expression (5 or 6 fields)."),
  tz: Opt(Text("IANA time zone; the gateway's when absent.")),
  staggerMs: Opt(Int("Spread runs by up to this many milliseconds.")),
});

export const CronSchedule = Tagged("CronSchedule", "When a job runs, told apart by `kind`.", "kind", [
  CronScheduleAt,
  CronScheduleEvery,
  CronScheduleCron,
]);

export const CronPayloadSystemEvent = Obj("CronPayloadSystemEvent", "Inject a system event into the main session.", {
  kind: Const("systemEvent", "Payload kind."),
  text: Str("Event text."),
});

export const CronPayloadAgentTurn = Obj("CronPayloadAgentTurn", "Run an agent turn with a message.", {
  kind: Const("agentTurn", "Payload kind."),
  message: Str("Message for the agent."),
  model: Opt(Text("Model override.")),
  fallbacks: Opt(List(Text("A model."), "Fallback models.")),
  thinking: Opt(Text("Thinking level.")),
  timeoutSeconds: Opt(Int("Give up after this many seconds.")),
  allowUnsafeExternalContent: Opt(Bool("Allow external content without safety wrapping.")),
  lightContext: Opt(Bool("Run with a reduced context.")),
  deliver: Opt(Bool("Deliver the reply (legacy; prefer `delivery`).")),
  channel: Opt(Text("Delivery channel (legacy).")),
  to: Opt(Text("Delivery recipient (legacy).")),
  bestEffortDeliver: Opt(Bool("Do not fail the run when delivery fails (legacy).")),
});

export const CronPayload = Tagged("CronPayload", "What a job does, told apart by `kind`.", "kind", [
  CronPayloadSystemEvent,
  CronPayloadAgentTurn,
]);

export const CronPayloadSystemEventPatch = Obj("CronPayloadSystemEventPatch", "Change a system-event payload.", {
  kind: Const("systemEvent", "Payload kind."),
  text: Opt(Str("Event text.")),
});

export const CronPayloadAgentTurnPatch = Obj("CronPayloadAgentTurnPatch", "Change an agent-turn payload.", {
  kind: Const("agentTurn", "Payload kind."),
  message: Opt(Str("Message for the agent.")),
  model: Opt(Text("Model override.")),
  fallbacks: Opt(List(Text("A model."), "Fallback models.")),
  thinking: Opt(Text("Thinking level.")),
  timeoutSeconds: Opt(Int("Give up after this many seconds.")),
  allowUnsafeExternalContent: Opt(Bool("Allow external content without safety wrapping.")),
  lightContext: Opt(Bool("Run with a reduced context.")),
  deliver: Opt(Bool("Deliver the reply (legacy; prefer `delivery`).")),
  channel: Opt(Text("Delivery channel (legacy).")),
  to: Opt(Text("Delivery recipient (legacy).")),
  bestEffortDeliver: Opt(Bool("Do not fail the run when delivery fails (legacy).")),
});

export const CronPayloadPatch = Tagged("CronPayloadPatch", "Changes to a job's payload, told apart by `kind`.", "kind", [
  CronPayloadSystemEventPatch,
  CronPayloadAgentTurnPatch,
]);

const DeliveryChannel = Str("Channel id, or `last` for the session's last channel.");

export const CronFailureDestination = Obj("CronFailureDestination", "Where failures are reported.", {
  channel: Opt(DeliveryChannel),
  to: Opt(Text("Recipient.")),
  accountId: Opt(Str("Channel account.")),
  mode: Opt(Enum("CronAlertMode", "How it is reported.", ["announce", "webhook"])),
});

const deliveryFields = {
  channel: Opt(DeliveryChannel),
  accountId: Opt(Str("Channel account.")),
  bestEffort: Opt(Bool("Do not fail the run when delivery fails.")),
  failureDestination: Opt(CronFailureDestination),
};

export const CronDeliveryNone = Obj("CronDeliveryNone", "Do not deliver the result.", {
  mode: Const("none", "Delivery mode."),
  ...deliveryFields,
  to: Opt(Text("Recipient.")),
});

export const CronDeliveryAnnounce = Obj("CronDeliveryAnnounce", "Announce the result through a channel.", {
  mode: Const("announce", "Delivery mode."),
  ...deliveryFields,
  to: Opt(Text("Recipient.")),
});

export const CronDeliveryWebhook = Obj("CronDeliveryWebhook", "Post the result to a webhook.", {
  mode: Const("webhook", "Delivery mode."),
  ...deliveryFields,
  to: Str("Webhook URL."),
});

export const CronDelivery = Tagged("CronDelivery", "How an isolated job's result is delivered, told apart by `mode`.", "mode", [
  CronDeliveryNone,
  CronDeliveryAnnounce,
  CronDeliveryWebhook,
]);

export const CronDeliveryPatch = Obj("CronDeliveryPatch", "Changes to a job's delivery.", {
  mode: Opt(Enum("CronDeliveryMode", "Delivery mode.", ["none", "announce", "webhook"])),
  ...deliveryFields,
  to: Opt(Text("Recipient or webhook URL.")),
});

export const CronFailureAlert = Obj("CronFailureAlert", "Alert after repeated failures.", {
  after: Opt(Int("Alert after this many failures in a row.", { minimum: 1 })),
  channel: Opt(DeliveryChannel),
  to: Opt(Text("Recipient.")),
  cooldownMs: Opt(Int("Minimum time between alerts.")),
  mode: Opt(Enum("CronAlertMode", "How it is reported.", ["announce", "webhook"])),
  accountId: Opt(Str("Channel account.")),
});

export const CronFailureAlertSetting = Type.Union([Bool("`false` turns alerts off."), CronFailureAlert], { $id: "CronFailureAlertSetting", description: "Failure alert settings, or `false` for none." });

export const CronRunStatus = Enum("CronRunStatus", "Outcome of one run.", ["ok", "error", "skipped"]);

export const CronDeliveryStatus = Enum("CronDeliveryStatus", "Whether a run's result was delivered.", ["delivered", "not-delivered", "unknown", "not-requested"]);

export const CronJobState = Obj("CronJobState", "Runtime state of a job.", {
  nextRunAtMs: Opt(Int("Next scheduled run (ms since epoch).")),
  runningAtMs: Opt(Int("Start of the run in progress, if any.")),
  lastRunAtMs: Opt(Int("Start of the last run.")),
  lastRunStatus: Opt(CronRunStatus),
  lastStatus: Opt(CronRunStatus),
  lastError: Opt(Text("Error of the last run.")),
  lastDurationMs: Opt(Int("Duration of the last run.")),
  consecutiveErrors: Opt(Int("Failed runs in a row.")),
  lastDelivered: Opt(Bool("Whether the last result was delivered.")),
  lastDeliveryStatus: Opt(CronDeliveryStatus),
  lastDeliveryError: Opt(Text("Delivery error of the last run.")),
  lastFailureAlertAtMs: Opt(Int("When the last failure alert was sent.")),
});

export const CronSessionTarget = Enum("CronSessionTarget", "Which session a job runs in.", ["main", "isolated"]);

export const CronWakeMode = Enum("CronWakeMode", "When the agent notices the job's event.", ["next-heartbeat", "now"]);

export const CronJob = Obj("CronJob", "A scheduled job.", {
  id: JobId,
  name: Str("Job name."),
  description: Opt(Text("What the job is for.")),
  agentId: Opt(Str("Agent that runs it.")),
  sessionKey: Opt(Str("Session it reports into.")),
  enabled: Bool("Disabled jobs never run on schedule."),
  deleteAfterRun: Opt(Bool("Remove the job after its first successful run.")),
  createdAtMs: Int("When the job was created."),
  updatedAtMs: Int("When the job was last changed."),
  schedule: CronSchedule,
  sessionTarget: CronSessionTarget,
  wakeMode: CronWakeMode,
  payload: CronPayload,
  delivery: Opt(CronDelivery),
  failureAlert: Opt(CronFailureAlertSetting),
  state: CronJobState,
});

export const CronListParams = Obj("CronListParams", "Parameters of `cron.list`.", {
  includeDisabled: Opt(Bool("Include disabled jobs.")),
  limit: Opt(Int("Most jobs to return (default all).", { minimum: 1, maximum: 200 })),
  offset: Opt(Int("Jobs to skip.")),
  query: Opt(Text("Only jobs whose name or description contains this text.")),
  enabled: Opt(Enum("CronEnabledFilter", "Which jobs by state.", ["all", "enabled", "disabled"])),
  sortBy: Opt(Enum("CronSortBy", "Sort key.", ["nextRunAtMs", "updatedAtMs", "name"])),
  sortDir: Opt(Enum("CronSortDir", "Sort direction.", ["asc", "desc"])),
});

export const CronListResult = Obj("CronListResult", "Result of `cron.list`: one page of jobs.", {
  jobs: List(CronJob, "Jobs on this page."),
  total: Int("Jobs matching, before `limit` and `offset`."),
  offset: Int("Jobs skipped."),
  limit: Int("Page size used."),
  hasMore: Bool("True when more jobs follow."),
  nextOffset: Nullable(Int("Offset of the next page, or null.")),
});

export const CronStatusParams = NoParams("CronStatusParams");

export const CronStatusResult = Obj("CronStatusResult", "State of the scheduler.", {
  enabled: Bool("Whether the scheduler runs jobs."),
  jobs: Int("Number of jobs."),
  nextWakeAtMs: Nullable(Int("Next time any job is due (ms since epoch), or null.")),
  storePath: Str("Where jobs are stored."),
});

export const CronAddParams = Obj("CronAddParams", "Parameters of `cron.add`.", {
  name: Str("Job name."),
  description: Opt(Text("What the job is for.")),
  agentId: Opt(Nullable(Str("Agent that runs it."))),
  sessionKey: Opt(Nullable(Str("Session it reports into."))),
  enabled: Opt(Bool("Start enabled (default true).")),
  deleteAfterRun: Opt(Bool("Remove the job after its first successful run.")),
  schedule: CronSchedule,
  sessionTarget: CronSessionTarget,
  wakeMode: CronWakeMode,
  payload: CronPayload,
  delivery: Opt(CronDelivery),
  failureAlert: Opt(CronFailureAlertSetting),
});

export const CronJobPatch = Obj("CronJobPatch", "Fields of a job to change; absent fields stay.", {
  name: Opt(Str("Job name.")),
  description: Opt(Text("What the job is for.")),
  agentId: Opt(Nullable(Str("Agent that runs it."))),
  sessionKey: Opt(Nullable(Str("Session it reports into."))),
  enabled: Opt(Bool("Enable or disable.")),
  deleteAfterRun: Opt(Bool("Remove the job after its first successful run.")),
  schedule: Opt(CronSchedule),
  sessionTarget: Opt(CronSessionTarget),
  wakeMode: Opt(CronWakeMode),
  payload: Opt(CronPayloadPatch),
  delivery: Opt(CronDeliveryPatch),
  failureAlert: Opt(CronFailureAlertSetting),
  state: Opt(Described(CronJobState, "Runtime state to overwrite.")),
});

const IdOrJobId = "Give `id` or `jobId` (v3 accepts either)";

export const CronUpdateParams = Obj("CronUpdateParams", `Parameters of \`cron.update\`. ${IdOrJobId}.`, {
  id: Opt(JobId),
  jobId: Opt(JobId),
  patch: CronJobPatch,
});

export const CronRemoveParams = Obj("CronRemoveParams", `Parameters of \`cron.remove\`. ${IdOrJobId}.`, {
  id: Opt(JobId),
  jobId: Opt(JobId),
});

export const CronRemoveResult = Obj("CronRemoveResult", "Result of `cron.remove`.", {
  ok: Bool("Always true on success."),
  removed: Bool("False when there was no such job."),
});

export const CronRunParams = Obj("CronRunParams", `Parameters of \`cron.run\`. ${IdOrJobId}.`, {
  id: Opt(JobId),
  jobId: Opt(JobId),
  mode: Opt(Enum("CronRunMode", "`force` (default) runs now; `due` runs only if the job is due.", ["due", "force"])),
});

export const CronRunResult = Obj("CronRunResult", "Result of `cron.run` (answered when the run ends).", {
  ok: Bool("False when the run could not be prepared."),
  ran: Opt(Bool("False when the job was not due (mode `due`) or already running.")),
  reason: Opt(Enum("CronRunSkipReason", "Why it did not run.", ["already-running", "not-due"])),
});

export const CronRunsParams = Obj("CronRunsParams", "Parameters of `cron.runs`.", {
  scope: Opt(Enum("CronRunsScope", "`job` (default when an id is given) or `all` jobs.", ["job", "all"])),
  id: Opt(JobId),
  jobId: Opt(JobId),
  limit: Opt(Int("Most entries to return.", { minimum: 1, maximum: 200 })),
  offset: Opt(Int("Entries to skip.")),
  statuses: Opt(List(CronRunStatus, "Only these outcomes.", { minItems: 1, maxItems: 3 })),
  status: Opt(Enum("CronRunsStatusFilter", "Only this outcome.", ["all", "ok", "error", "skipped"])),
  deliveryStatuses: Opt(List(CronDeliveryStatus, "Only these delivery outcomes.", { minItems: 1, maxItems: 4 })),
  deliveryStatus: Opt(CronDeliveryStatus),
  query: Opt(Text("Only entries whose summary, error or job name contains this text.")),
  sortDir: Opt(Enum("CronSortDir", "Sort direction.", ["asc", "desc"])),
});

export const CronUsage = Obj("CronUsage", "Token usage of a run.", {
  input_tokens: Opt(Type.Number({ description: "Input tokens." })),
  output_tokens: Opt(Type.Number({ description: "Output tokens." })),
  total_tokens: Opt(Type.Number({ description: "Total tokens." })),
  cache_read_tokens: Opt(Type.Number({ description: "Cache-read tokens." })),
  cache_write_tokens: Opt(Type.Number({ description: "Cache-write tokens." })),
});

export const CronRunLogEntry = Obj("CronRunLogEntry", "One finished run.", {
  ts: Int("When the run finished (ms since epoch)."),
  jobId: JobId,
  action: Const("finished", "Always `finished`."),
  status: Opt(CronRunStatus),
  error: Opt(Text("Error message, if it failed.")),
  summary: Opt(Text("Short summary of the outcome.")),
  delivered: Opt(Bool("Whether the result was delivered.")),
  deliveryStatus: Opt(CronDeliveryStatus),
  deliveryError: Opt(Text("Delivery error.")),
  sessionId: Opt(Str("Transcript of the run.")),
  sessionKey: Opt(Str("Session of the run.")),
  runAtMs: Opt(Int("When the run started.")),
  durationMs: Opt(Int("How long it took.")),
  nextRunAtMs: Opt(Int("Next scheduled run.")),
  model: Opt(Text("Model used.")),
  provider: Opt(Text("Provider used.")),
  usage: Opt(CronUsage),
  jobName: Opt(Text("Job name (scope `all`).")),
});

export const CronRunsResult = Obj("CronRunsResult", "Result of `cron.runs`: one page of the run log.", {
  entries: List(CronRunLogEntry, "Runs on this page."),
  total: Int("Entries matching, before `limit` and `offset`."),
  offset: Int("Entries skipped."),
  limit: Int("Page size used."),
  hasMore: Bool("True when more entries follow."),
  nextOffset: Nullable(Int("Offset of the next page, or null.")),
});

export const CronEvent = Obj("CronEvent", "A job started, finished or changed.", {
  jobId: JobId,
  action: Enum("CronEventAction", "What happened.", ["added", "updated", "removed", "started", "finished"]),
  status: Opt(CronRunStatus),
  error: Opt(Text("Error message of a failed run.")),
  summary: Opt(Text("Summary of a finished run.")),
  delivered: Opt(Bool("Whether the result was delivered.")),
  deliveryStatus: Opt(CronDeliveryStatus),
  deliveryError: Opt(Text("Delivery error.")),
  sessionId: Opt(Str("Transcript of the run.")),
  sessionKey: Opt(Str("Session of the run.")),
  runAtMs: Opt(Int("When the run started.")),
  durationMs: Opt(Int("How long it took.")),
  nextRunAtMs: Opt(Int("Next scheduled run.")),
  model: Opt(Text("Model used.")),
  provider: Opt(Text("Provider used.")),
  usage: Opt(CronUsage),
  ts: Opt(Int("When it happened (ms since epoch); tidegate addition.")),
});
