import { PithError } from '../core/index.js';
import { normalizeEndpoint } from './endpoint.js';
import { errorText } from './ollama-adapter.js';
import { describeCause } from './retry.js';

/** One installed model, from /api/tags. */
export interface OllamaModel {
  /** The name to put in a profile, e.g. "qwen2.5-coder:7b". */
  name: string;
  sizeBytes: number | null;
  /** e.g. "7.6B" */
  parameterSize: string | null;
  family: string | null;
  quantization: string | null;
}

/** What /api/show tells about one model. */
export interface OllamaModelInfo {
  /** The context the model was trained for (`<arch>.context_length`), when reported. */
  contextLength: number | null;
  /** A `num_ctx` baked into the Modelfile's parameters, when set. */
  numCtx: number | null;
  /** e.g. ["completion", "tools", "thinking"]; empty on servers too old to report them. */
  capabilities: string[];
}

export interface OllamaApiOptions {
  fetch?: typeof fetch;
}

/**
 * Installed models. Throws PithError('provider') with a hint when the server cannot be
 * reached or answers with an error. Pass e.g. `AbortSignal.timeout(500)` for a quick probe.
 */
export async function listOllamaModels(endpoint: string, signal: AbortSignal, opts: OllamaApiOptions = {}): Promise<OllamaModel[]> {
  const base = normalizeEndpoint(endpoint, 'ollama');
  const body = await requestJson(base, '/api/tags', { method: 'GET', signal }, opts);
  const models = Array.isArray(body.models) ? (body.models as Record<string, unknown>[]) : [];
  return models.map((m) => {
    const details = (m.details ?? {}) as Record<string, unknown>;
    return {
      name: str(m.name) ?? str(m.model) ?? '',
      sizeBytes: typeof m.size === 'number' ? m.size : null,
      parameterSize: str(details.parameter_size),
      family: str(details.family),
      quantization: str(details.quantization_level),
    };
  });
}

/** Details of one model, or null when the server does not have it (HTTP 404). */
export async function showOllamaModel(endpoint: string, model: string, signal: AbortSignal, opts: OllamaApiOptions = {}): Promise<OllamaModelInfo | null> {
  const base = normalizeEndpoint(endpoint, 'ollama');
  const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model }), signal };
  const body = await requestJson(base, '/api/show', init, opts, true);
  if (!body) return null;
  const info = (body.model_info ?? {}) as Record<string, unknown>;
  const arch = str(info['general.architecture']);
  let contextLength = arch ? info[`${arch}.context_length`] : undefined;
  if (typeof contextLength !== 'number') contextLength = Object.entries(info).find(([k, v]) => k.endsWith('.context_length') && typeof v === 'number')?.[1];
  const numCtx = /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(str(body.parameters) ?? '');
  return {
    contextLength: typeof contextLength === 'number' ? contextLength : null,
    numCtx: numCtx ? Number(numCtx[1]) : null,
    capabilities: Array.isArray(body.capabilities) ? body.capabilities.filter((c): c is string => typeof c === 'string') : [],
  };
}

async function requestJson(base: string, path: string, init: RequestInit, opts: OllamaApiOptions, nullOn404: true): Promise<Record<string, unknown> | null>;
async function requestJson(base: string, path: string, init: RequestInit, opts: OllamaApiOptions): Promise<Record<string, unknown>>;
async function requestJson(base: string, path: string, init: RequestInit, opts: OllamaApiOptions, nullOn404 = false): Promise<Record<string, unknown> | null> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  let res: Response;
  try {
    res = await doFetch(`${base}${path}`, init);
  } catch (e) {
    if (init.signal?.aborted) throw new PithError('aborted', `request to ${base}${path} was aborted or timed out`);
    throw new PithError('provider', `cannot reach Ollama at ${base}: ${describeCause(e)}`, 'start it with `ollama serve`, or fix the profile endpoint');
  }
  const text = await res.text().catch(() => '');
  if (res.status === 404 && nullOn404) return null;
  if (!res.ok) throw new PithError('provider', `Ollama ${path} answered HTTP ${res.status}: ${errorText(text)}`);
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new PithError('provider', `Ollama ${path} did not answer JSON; is ${base} an Ollama server?`);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
