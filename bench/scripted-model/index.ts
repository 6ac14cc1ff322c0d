export { startScriptedModel, type ScriptedModel, type ScriptedModelOptions, type RecordedRequest } from './server.js';
export { loadTasks, parseTask, planJson, type Task, type Intent, type PlanStep, type StepVerify } from './tasks.js';
export { applyScript, replaceOnce, insertAfter } from './apply-script.js';
export { copyRepo, runShell, checkStepVerify, type ShellResult } from './fixture-repo.js';
export { decideReply, type Reply } from './decide.js';
export { readConversation, type Conversation, type Action } from './conversation.js';
export { readToolSet, type ToolSet } from './toolset.js';
export { CHAOS_HANDLERS, pickChaos, type ChaosOptions, type ChaosKind, type ChaosHandler, type ChaosContext } from './chaos.js';
