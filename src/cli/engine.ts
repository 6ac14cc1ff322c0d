import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConventions, type ExecutorDeps, type ExecutorOptions, type HookRunner, type ToolRunner } from '../agent/index.js';
import type { ApprovalRequest, Decision, EngineEvent, Provider, ToolContext, ToolResult, ToolSpec } from '../core/index.js';
import type { PlanFlowDeps } from '../plan/index.js';
import { createCheckRunner, detectChecks, type ExecFn } from '../hooks/index.js';
import { createSymbolIndex, type PithSymbolIndex } from '../index/index.js';
import { createMcpManager, type McpManager } from '../mcp/index.js';
import { createProvider } from '../provider/index.js';
import { createSnapshotStore, type SnapshotStore } from '../session/index.js';
import { createTelemetrySink, globalTelemetryPath, type TelemetrySink } from '../telemetry/index.js';
import { getTokenizer, lookupPrice, type Price, type Tokenizer } from '../tokens/index.js';
import { createToolset, resolvePath, runInProcessGroup, type Toolset } from '../tools/index.js';
import type { Runtime } from './runtime.js';

/**
 * The composition root of one engine session: every module built and wired from the runtime.
 * Only cli/ builds this; the engine modules receive narrow slices of it.
 */
export interface Engine extends PlanFlowDeps {
  runtime: Runtime;
  root: string;
  sessionId: string;
  tokenizer: Tokenizer;
  provider: Provider;
  toolset: Toolset;
  tools: ToolRunner;
  index: PithSymbolIndex;
  hooks?: HookRunner;
  /** The commands hooks run after edits (shown to the user at plan review). */
  checkCommands: string[];
  sink: TelemetrySink;
  snapshots: SnapshotStore;
  price: Price;
  priceUnknown: boolean;
  conventions?: string;
  exec: ExecFn;
  mcp: McpManager | null;
  /** Stop MCP servers. */
  close(): Promise<void>;
  executorDeps(emit: (e: EngineEvent) => void): ExecutorDeps;
  /** The executor options that come from the profile. */
  baseOptions(signal: AbortSignal, model?: string): Omit<ExecutorOptions, 'task' | 'ids' | 'budget'>;
  telemetryPath: string;
}

export interface EngineOptions {
  approve: (req: ApprovalRequest) => Promise<Decision>;
  /** The parent environment MCP children inherit a minimal part of (cli passes io.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** MCP servers that failed or crashed (reported once each). */
  onNotice?: (message: string) => void;
  /** Overrides the config's approval mode (e.g. --yes = trust). */
  approvalMode?: Runtime['approval']['mode'];
  provider?: Provider;
}

const WRITE_TOOLS = new Set(['edit', 'write']);

export async function createEngine(runtime: Runtime, opts: EngineOptions): Promise<Engine> {
  const root = runtime.projectRoot;
  const tokenizer = await getTokenizer();
  const index = createSymbolIndex({ root });
  const toolset = await createToolset({
    root,
    anchors: runtime.anchors,
    approval: { mode: opts.approvalMode ?? runtime.approval.mode, rules: runtime.approval.rules },
    approve: opts.approve,
    index,
    env: opts.env as NodeJS.ProcessEnv | undefined,
  });
  const snapshots = createSnapshotStore(toolset.root);
  const exec: ExecFn = async (command, o) => {
    const r = await runInProcessGroup(command, { cwd: o.cwd, env: opts.env as NodeJS.ProcessEnv | undefined, timeoutMs: o.timeoutMs, signal: o.signal });
    return { exitCode: r.exitCode, output: r.output, timedOut: r.end === 'timeout' };
  };
  const { hooks, checkCommands } = await createHooks(runtime, toolset.root, exec, tokenizer);
  const readOnly = toolset.state.policy.mode === 'read-only';
  // Content of files before the first change in the current group (run or plan step): undo
  // snapshots on disk, and in memory for the plan's carry-forward diffstat.
  const before = new Map<string, string | null>();
  const mcp = startMcp(runtime, toolset.root, opts);
  const mcpSpec = (name: string) => mcp?.tools().find((t) => t.name === name);
  const tools: ToolRunner = {
    // MCP tools join as their servers become ready: a slow server never delays the first call.
    schemas: () => [...toolset.schemas(), ...(mcp?.tools() ?? []).map((t) => ({ name: t.name, description: t.description, parameters: t.params }))],
    async run(name, args, signal) {
      const spec = toolset.get(name) ? undefined : mcpSpec(name);
      if (spec) return runMcpTool(spec, args, { root: toolset.root, signal, approve: (req) => toolset.state.policy.decide(req, opts.approve) });
      const path = WRITE_TOOLS.has(name) ? pathArg(args) : null;
      // Only a path the tool itself will accept is snapshotted: a symlink leading out of the
      // root or a path under .git/ must not be read (and copied into .pith/) before it is refused.
      const at = path ? await resolvePath(toolset.root, path, 'write') : null;
      if (at?.ok) {
        if (!before.has(at.rel)) before.set(at.rel, await readProjectFile(toolset.root, at.rel));
        await snapshots.beforeWrite(at.rel).catch(() => {});
      }
      return toolset.run(name, args, signal);
    },
    forgetShown: (paths) => (paths === 'all' ? toolset.forgetShown() : paths.forEach((p) => toolset.forgetShown(p))),
    keep: (text) => toolset.state.recall.put(text, 'pruned'),
  };
  const { price, unknown } = lookupPrice(runtime.provider.model, runtime.pricing, runtime.local);
  const conventions = (await loadConventions(toolset.root, tokenizer))?.text;
  const telemetryPath = join(toolset.root, '.pith', 'telemetry.jsonl');
  const globalPath = runtime.config.telemetry.globalCopy ? globalTelemetryPath(opts.env ?? {}) : null;
  const sink = createTelemetrySink(telemetryPath, globalPath ? { path: globalPath, project: toolset.root } : undefined);
  const provider = opts.provider ?? createProvider(runtime.provider);
  const replyReserve = Math.min(4096, Math.floor(runtime.provider.contextTokens / 8));
  return {
    runtime, root: toolset.root, sessionId: randomBytes(4).toString('hex'), tokenizer, provider, toolset, tools, index, hooks, checkCommands, sink, snapshots,
    price, priceUnknown: unknown, conventions, exec, telemetryPath, mcp,
    close: async () => { await mcp?.close(); },
    profileName: runtime.profileName,
    plannerModel: runtime.profile.plannerModel,
    budget: runtime.budget,
    // Plan verify commands come from the model: a read-only session runs no command at all.
    runCommand: async (command, signal) => readOnly
      ? { exitCode: null, output: `not run: the session is read-only, so \`${command}\` was not run`, timedOut: false }
      : exec(command, { cwd: toolset.root, timeoutMs: runtime.hooks.timeoutS * 1000, signal }),
    readFile: (rel) => readProjectFile(toolset.root, rel),
    beforeContent: async (rel) => before.get(rel),
    commitGroup: async (groupId) => {
      before.clear();
      return snapshots.commit(groupId).catch(() => null);
    },
    openGroup: (groupId) => snapshots.begin(groupId),
    executorDeps: (emit) => ({
      provider, tools, tokenizer, sink, emit, hooks,
      onFilesChanged: async (paths) => { await index.update(paths).catch(() => {}); },
    }),
    baseOptions: (signal, model) => ({
      model: model ?? runtime.provider.model,
      contextTokens: runtime.provider.contextTokens,
      replyReserve,
      price,
      conventions,
      signal,
      toolsInText: runtime.profile.compat?.tools === false,
    }),
  };
}

async function createHooks(runtime: Runtime, root: string, exec: ExecFn, tok: Tokenizer): Promise<{ hooks?: HookRunner; checkCommands: string[] }> {
  const has = async (bin: string) => (await exec(`command -v ${bin}`, { cwd: root, timeoutMs: 3000, signal: AbortSignal.timeout(3000) })).exitCode === 0;
  const checks = await detectChecks(root, runtime.hooks.onEdit as string[] | 'auto' | 'off', has);
  if (checks.length === 0) return { checkCommands: [] };
  const hooks = createCheckRunner({ root, checks, exec, count: (t) => tok.count(t), timeoutMs: runtime.hooks.timeoutS * 1000 });
  return { hooks, checkCommands: checks.map((c) => c.command) };
}

function startMcp(runtime: Runtime, root: string, opts: EngineOptions): McpManager | null {
  const servers = runtime.profile.mcpServers ?? [];
  if (servers.length === 0) return null;
  const manager = createMcpManager({
    servers, root, parentEnv: opts.env ?? {},
    onEvent: (e) => {
      if (e.type === 'server_down') opts.onNotice?.(`MCP server ${e.server} ${e.state}: ${e.message}${e.logPath ? ` (log: ${e.logPath})` : ''}${e.restartInMs !== undefined ? `; restarting in ${e.restartInMs / 1000} s` : ''}`);
    },
  });
  manager.start();
  return manager;
}

async function runMcpTool(spec: ToolSpec, rawArgs: string, ctx: ToolContext): Promise<ToolResult> {
  let args: unknown;
  try {
    args = rawArgs.trim() ? JSON.parse(rawArgs) : {};
  } catch {
    return { forModel: `Error: ${spec.name}: arguments are not valid JSON`, meta: { tokens: 12, truncated: false }, error: { type: 'bad_args', message: 'arguments are not valid JSON' } };
  }
  try {
    return await spec.execute(args, ctx);
  } catch (e) {
    const message = `${spec.name} failed: ${e instanceof Error ? e.message : String(e)}`;
    return { forModel: `Error: ${message}`, meta: { tokens: 12, truncated: false }, error: { type: 'failed', message } };
  }
}

function pathArg(args: string): string | null {
  try {
    const p = (JSON.parse(args) as { path?: unknown }).path;
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** A file's text, or null when it does not exist. */
export async function readProjectFile(root: string, rel: string): Promise<string | null> {
  return readFile(join(root, rel), 'utf8').catch(() => null);
}

export function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
}
