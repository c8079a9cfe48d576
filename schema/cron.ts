/** `cron.*`: scheduled jobs. */
import { Bool, Const, Described, Dict, Enum, Int, Json, List, NoParams, Nullable, Obj, Opt, Str, Tagged, Text } from "./primitives.js";

const JobId = Str("Job id.", { maxLength: 128, pattern: "^[A-Za-z0-9_.-]+$" });

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
  expr: Str("Cron expression (5 or 6 fields).", { maxLength: 256 }),
  tz: Opt(Text("IANA time zone; the gateway's when absent.")),
  staggerMs: Opt(Int("Spread runs by a stable per-job offset in [0, staggerMs).")),
});

export const CronSchedule = Tagged("CronSchedule", "When a job runs, told apart by `kind`.", "kind", [CronScheduleAt, CronScheduleEvery, CronScheduleCron]);

export const CronPayloadSystemEvent = Obj("CronPayloadSystemEvent", "Inject a system event into the main session.", {
  kind: Const("systemEvent", "Payload kind."),
  text: Str("Event text."),
});

export const CronPayloadAgentTurn = Obj("CronPayloadAgentTurn", "Run an agent turn with a message.", {
  kind: Const("agentTurn", "Payload kind."),
  message: Str("Message for the agent."),
  model: Opt(Text("Model override.")),
  fallbacks: Opt(List(Text("A model."), "Models to try when the first fails.")),
  thinking: Opt(Text("Thinking level.")),
  timeoutSeconds: Opt(Int("Give up after this many seconds.")),
  allowUnsafeExternalContent: Opt(Bool("Let external content reach the agent unwrapped.")),
  lightContext: Opt(Bool("Run with a reduced context.")),
  deliver: Opt(Bool("Legacy: deliver the reply (use `delivery`).")),
  channel: Opt(Text("Legacy: delivery channel (use `delivery`).")),
  to: Opt(Text("Legacy: delivery recipient (use `delivery`).")),
  bestEffortDeliver: Opt(Bool("Legacy: a failed delivery does not fail the run.")),
});

export const CronPayloadWebhook = Obj("CronPayloadWebhook", "POST to an HTTP(S) URL; a 2xx answer is success.", {
  kind: Const("webhook", "Payload kind."),
  url: Str("http:// or https:// URL to POST to.", { maxLength: 2048, pattern: "^https?://" }),
  body: Opt(Text("Request body; a JSON description of the run when absent.", { maxLength: 65536 })),
  headers: Opt(Dict(Text("Header value."), "Extra request headers.")),
  timeoutMs: Opt(Int("Give up after this many milliseconds (default 30000).", { minimum: 1, maximum: 600000 })),
});

export const CronPayload = Tagged("CronPayload", "What a job does, told apart by `kind`.", "kind", [CronPayloadSystemEvent, CronPayloadAgentTurn, CronPayloadWebhook]);

export const CronFailureDestination = Obj("CronFailureDestination", "Where a failed run is reported.", {
  channel: Opt(Str("Channel, or `last`.")),
  to: Opt(Text("Recipient or URL.")),
  accountId: Opt(Str("Channel account.")),
  mode: Opt(Enum("CronFailureDestinationMode", "How to report.", ["announce", "webhook"])),
});

export const CronDelivery = Obj("CronDelivery", "Where the outcome of a run goes.", {
  mode: Enum("CronDeliveryMode", "`none`, `announce` on a channel, or `webhook` (POST the outcome as JSON to `to`).", ["none", "announce", "webhook"]),
  channel: Opt(Str("Channel to deliver to, or `last`.")),
  to: Opt(Text("Recipient on the channel; the http(s) URL for `webhook`.")),
  accountId: Opt(Str("Channel account.")),
  bestEffort: Opt(Bool("A failed delivery does not fail the run.")),
  failureDestination: Opt(CronFailureDestination),
});

export const CronDeliveryStatus = Enum("CronDeliveryStatus", "Whether a run's outcome was delivered.", ["delivered", "not-delivered", "unknown", "not-requested"]);

export const CronRunStatus = Enum("CronRunStatus", "Outcome of one run; a run that timed out is an `error` whose message starts with `timeout`.", ["ok", "error", "skipped"]);

export const CronJobState = Obj("CronJobState", "Runtime state of a job.", {
  nextRunAtMs: Opt(Int("Next scheduled run (ms since epoch).")),
  runningAtMs: Opt(Int("Start of the run in progress, if any.")),
  lastRunAtMs: Opt(Int("Start of the last run.")),
  lastStatus: Opt(CronRunStatus),
  lastRunStatus: Opt(CronRunStatus),
  lastError: Opt(Text("Error of the last run.")),
  lastDurationMs: Opt(Int("Duration of the last run.")),
  consecutiveErrors: Opt(Int("Failed runs in a row.")),
  lastDelivered: Opt(Bool("Whether the last outcome was delivered.")),
  lastDeliveryStatus: Opt(CronDeliveryStatus),
  lastDeliveryError: Opt(Text("Why the last delivery failed.")),
  lastFailureAlertAtMs: Opt(Int("When the last failure alert was sent (ms since epoch); cleared by a successful run.")),
});

export const CronSessionTarget = Enum("CronSessionTarget", "Which session a job runs in.", ["main", "isolated"]);

export const CronWakeMode = Enum("CronWakeMode", "When the agent notices the job's event.", ["next-heartbeat", "now"]);

export const CronJob = Obj("CronJob", "A scheduled job.", {
  id: JobId,
  name: Str("Job name."),
  description: Opt(Text("What the job is for.")),
  agentId: Opt(Str("Agent that runs it.")),
  sessionKey: Opt(Str("Session the job is bound to.")),
  enabled: Bool("Disabled jobs never run on schedule."),
  deleteAfterRun: Opt(Bool("Remove the job after its first successful run.")),
  createdAtMs: Int("When the job was created."),
  updatedAtMs: Int("When the job was last changed."),
  schedule: CronSchedule,
  sessionTarget: CronSessionTarget,
  wakeMode: CronWakeMode,
  payload: CronPayload,
  delivery: Opt(CronDelivery),
  failureAlert: Opt(
    Json(
      "Alert after repeated failures (v3): `false` (never), or `{after, channel, to, cooldownMs, mode, accountId}`: once `after` runs in a row failed (default 2), `Cron job \"<name>\" failed <n> times` goes to `channel` (default the delivery's, else `last`) and `to` (default the delivery's), or is POSTed to `to` with `mode: webhook`; at most once per `cooldownMs` (default 1 h).",
    ),
  ),
  state: CronJobState,
});

export const CronSortDir = Enum("CronSortDir", "Sort direction.", ["asc", "desc"]);

export const CronListParams = Obj("CronListParams", "Parameters of `cron.list`.", {
  includeDisabled: Opt(Bool("Include disabled jobs.")),
  limit: Opt(Int("Most jobs to return.", { minimum: 1, maximum: 200 })),
  offset: Opt(Int("Jobs to skip.")),
  query: Opt(Text("Only jobs whose name or description contains this text.")),
  enabled: Opt(Enum("CronListEnabledFilter", "Which jobs by state; overrides `includeDisabled`.", ["all", "enabled", "disabled"])),
  sortBy: Opt(Enum("CronListSortBy", "Sort key (default `nextRunAtMs`).", ["nextRunAtMs", "updatedAtMs", "name"])),
  sortDir: Opt(CronSortDir),
});

const pageFields = {
  total: Int("Entries matching, before `limit` and `offset`."),
  offset: Int("Entries skipped."),
  limit: Int("Page size used."),
  hasMore: Bool("More entries follow this page."),
  nextOffset: Nullable(Int("Offset of the next page, or null.")),
};

export const CronListResult = Obj("CronListResult", "Result of `cron.list`.", {
  jobs: List(CronJob, "Jobs, by next run time."),
  ...pageFields,
});

export const CronStatusParams = NoParams("CronStatusParams");

export const CronStatusResult = Obj("CronStatusResult", "State of the scheduler.", {
  enabled: Bool("Whether the scheduler runs jobs."),
  storePath: Str("Where jobs are stored."),
  jobs: Int("Number of jobs."),
  nextWakeAtMs: Nullable(Int("Next time any job is due (ms since epoch), or null.")),
});

export const CronAddParams = Obj("CronAddParams", "Parameters of `cron.add`.", {
  name: Str("Job name.", { maxLength: 256 }),
  agentId: Opt(Nullable(Str("Agent that runs it."))),
  sessionKey: Opt(Nullable(Str("Session the job is bound to."))),
  description: Opt(Text("What the job is for.")),
  enabled: Opt(Bool("Start enabled (default true).")),
  deleteAfterRun: Opt(Bool("Remove the job after its first successful run.")),
  schedule: CronSchedule,
  sessionTarget: CronSessionTarget,
  wakeMode: CronWakeMode,
  payload: CronPayload,
  delivery: Opt(CronDelivery),
  failureAlert: Opt(
    Json(
      "Alert after repeated failures (v3): `false` (never), or `{after, channel, to, cooldownMs, mode, accountId}`: once `after` runs in a row failed (default 2), `Cron job \"<name>\" failed <n> times` goes to `channel` (default the delivery's, else `last`) and `to` (default the delivery's), or is POSTed to `to` with `mode: webhook`; at most once per `cooldownMs` (default 1 h).",
    ),
  ),
});

export const CronJobPatch = Obj("CronJobPatch", "Fields of a job to change; absent fields stay.", {
  name: Opt(Str("Job name.", { maxLength: 256 })),
  agentId: Opt(Nullable(Str("Agent that runs it; null clears it."))),
  sessionKey: Opt(Nullable(Str("Session the job is bound to; null clears it."))),
  description: Opt(Text("What the job is for.")),
  enabled: Opt(Bool("Enable or disable.")),
  deleteAfterRun: Opt(Bool("Remove the job after its first successful run.")),
  schedule: Opt(CronSchedule),
  sessionTarget: Opt(CronSessionTarget),
  wakeMode: Opt(CronWakeMode),
  payload: Opt(CronPayload),
  delivery: Opt(CronDelivery),
  failureAlert: Opt(
    Json(
      "Alert after repeated failures (v3): `false` (never), or `{after, channel, to, cooldownMs, mode, accountId}`: once `after` runs in a row failed (default 2), `Cron job \"<name>\" failed <n> times` goes to `channel` (default the delivery's, else `last`) and `to` (default the delivery's), or is POSTed to `to` with `mode: webhook`; at most once per `cooldownMs` (default 1 h). An object is merged over the job's; `false` replaces it.",
    ),
  ),
});

export const CronUpdateParams = Obj("CronUpdateParams", "Parameters of `cron.update`: `id` (or `jobId`) and the patch.", {
  id: Opt(JobId),
  jobId: Opt(Described(JobId, "Same as `id`.")),
  patch: CronJobPatch,
});

export const CronRemoveParams = Obj("CronRemoveParams", "Parameters of `cron.remove`: `id` (or `jobId`).", {
  id: Opt(JobId),
  jobId: Opt(Described(JobId, "Same as `id`.")),
});

export const CronRemoveResult = Obj("CronRemoveResult", "Result of `cron.remove`.", {
  ok: Bool("Always true on success."),
  removed: Bool("False when there was no such job."),
});

export const CronRunParams = Obj("CronRunParams", "Parameters of `cron.run`: `id` (or `jobId`) and the mode.", {
  id: Opt(JobId),
  jobId: Opt(Described(JobId, "Same as `id`.")),
  mode: Opt(Enum("CronRunMode", "`force` runs now; `due` runs only if the job is due.", ["due", "force"])),
});

export const CronRunResult = Obj("CronRunResult", "Result of `cron.run`.", {
  ok: Bool("Always true on success."),
  ran: Bool("False when the job was not due (mode `due`) or already running."),
  reason: Opt(Enum("CronRunSkipReason", "Why it did not run.", ["not-due", "already-running"])),
});

export const CronRunsParams = Obj("CronRunsParams", "Parameters of `cron.runs`.", {
  scope: Opt(Enum("CronRunsScope", "`job` (needs `id`) or `all` jobs (default: `job` when an id is given).", ["job", "all"])),
  id: Opt(JobId),
  jobId: Opt(Described(JobId, "Same as `id`.")),
  limit: Opt(Int("Most entries to return (default 50).", { minimum: 1, maximum: 200 })),
  offset: Opt(Int("Entries to skip.")),
  statuses: Opt(List(CronRunStatus, "Only these statuses.", { minItems: 1, maxItems: 3 })),
  status: Opt(Enum("CronRunsStatusFilter", "Only this status, or `all`.", ["all", "ok", "error", "skipped"])),
  deliveryStatuses: Opt(List(CronDeliveryStatus, "Only these delivery statuses.", { minItems: 1, maxItems: 4 })),
  deliveryStatus: Opt(CronDeliveryStatus),
  query: Opt(Text("Only entries whose summary, error or job name contains this text.")),
  sortDir: Opt(CronSortDir),
});

export const CronRunLogEntry = Obj("CronRunLogEntry", "One finished run.", {
  ts: Int("When the run finished (ms since epoch)."),
  jobId: JobId,
  action: Const("finished", "Always `finished`: one entry per finished run."),
  status: CronRunStatus,
  error: Opt(Text("Error message, if it failed.")),
  summary: Opt(Text("Short summary of the outcome.")),
  delivered: Opt(Bool("Whether the outcome was delivered.")),
  deliveryStatus: Opt(CronDeliveryStatus),
  deliveryError: Opt(Text("Why delivery failed.")),
  jobName: Opt(Text("Name of the job (scope `all`).")),
  sessionId: Opt(Str("Session the run used, if any.")),
  sessionKey: Opt(Str("Key of the session the run used, if any.")),
  runAtMs: Opt(Int("When the run started.")),
  durationMs: Opt(Int("How long it took.")),
  nextRunAtMs: Opt(Int("Next scheduled run after this one.")),
});

export const CronRunsResult = Obj("CronRunsResult", "Result of `cron.runs`.", {
  entries: List(CronRunLogEntry, "Runs, newest first (unless `sortDir: asc`)."),
  ...pageFields,
});

export const CronEvent = Obj("CronEvent", "A job started, finished or changed.", {
  jobId: JobId,
  action: Enum("CronEventAction", "What happened.", ["added", "updated", "removed", "started", "finished"]),
  runAtMs: Opt(Int("Start of the run (started, finished).")),
  durationMs: Opt(Int("Duration of the run (finished).")),
  status: Opt(CronRunStatus),
  error: Opt(Text("Error message of a failed run.")),
  summary: Opt(Text("Short summary of the outcome.")),
  delivered: Opt(Bool("Whether the outcome was delivered.")),
  deliveryStatus: Opt(CronDeliveryStatus),
  deliveryError: Opt(Text("Why delivery failed.")),
  sessionId: Opt(Str("Session the run used.")),
  sessionKey: Opt(Str("Key of the session the run used.")),
  nextRunAtMs: Opt(Int("Next scheduled run.")),
  ts: Int("When it happened (ms since epoch)."),
});
