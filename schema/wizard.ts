/** `wizard.*`: the onboarding wizard, driven step by step by a client. */
import { Bool, Enum, Json, List, Obj, Opt, Str, Text } from "./primitives.js";

export const WizardStartParams = Obj("WizardStartParams", "Parameters of `wizard.start`.", {
  mode: Opt(Enum("WizardMode", "Set up a local gateway or connect to a remote one.", ["local", "remote"])),
  workspace: Opt(Text("Workspace directory (v3 clients send it; this gateway's wizard does not change agent workspaces: use `agents.update`).")),
});

export const WizardAnswer = Obj("WizardAnswer", "The answer to a step.", {
  stepId: Str("Step id."),
  value: Opt(Json("The answer.")),
});

export const WizardNextParams = Obj("WizardNextParams", "Parameters of `wizard.next`.", {
  sessionId: Str("Wizard session id."),
  answer: Opt(WizardAnswer),
});

export const WizardSessionParams = Obj("WizardSessionParams", "Parameters of `wizard.cancel` and `wizard.status`.", {
  sessionId: Str("Wizard session id."),
});

export const WizardStepOption = Obj("WizardStepOption", "One choice of a select step.", {
  value: Json("Value returned when chosen."),
  label: Str("Label."),
  hint: Opt(Text("Hint.")),
});

export const WizardStep = Obj("WizardStep", "One step of the wizard.", {
  id: Str("Step id."),
  type: Enum("WizardStepType", "Kind of step.", ["note", "select", "text", "confirm", "multiselect", "progress", "action"]),
  title: Opt(Text("Title.")),
  message: Opt(Text("Message.")),
  options: Opt(List(WizardStepOption, "Choices.")),
  initialValue: Opt(Json("Preselected value.")),
  placeholder: Opt(Text("Placeholder.")),
  sensitive: Opt(Bool("The answer is a secret.")),
  executor: Opt(Enum("WizardStepExecutor", "Who runs the step.", ["gateway", "client"])),
});

export const WizardRunStatus = Enum("WizardRunStatus", "State of a wizard session.", ["running", "done", "cancelled", "error"]);

export const WizardNextResult = Obj("WizardNextResult", "Result of `wizard.next`.", {
  done: Bool("True when the wizard finished."),
  step: Opt(WizardStep),
  status: Opt(WizardRunStatus),
  error: Opt(Text("Error message.")),
});

export const WizardStartResult = Obj("WizardStartResult", "Result of `wizard.start`.", {
  sessionId: Str("Wizard session id."),
  done: Bool("True when the wizard finished."),
  step: Opt(WizardStep),
  status: Opt(WizardRunStatus),
  error: Opt(Text("Error message.")),
});

export const WizardStatusResult = Obj("WizardStatusResult", "Result of `wizard.cancel` and `wizard.status`.", {
  status: WizardRunStatus,
  error: Opt(Text("Error message.")),
});
