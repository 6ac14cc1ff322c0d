import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'smol-toml';
import { PithError, writeFileAtomic } from '../core/index.js';
import { buildConfig } from './build.js';
import { parseLayer, type RawLayer } from './layer.js';

const HEADER = '# pith configuration. Every key is documented in CONFIG.md.\n\n';

/** TOML text for a layer, checked by parsing it back exactly as a loaded file would be. */
export function renderConfig(layer: RawLayer, file = 'config.toml'): string {
  const text = HEADER + stringify(layer as Record<string, unknown>);
  buildConfig(parseLayer(text, file, 'user'), [file]);
  return text;
}

export interface WriteOptions {
  /** Replace an existing file. Default false: an existing file is an error and stays untouched. */
  overwrite?: boolean;
}

/**
 * Write a user config: validated first, then atomically with mode 0600 (its directory 0700).
 * Throws PithError('config') when the layer is invalid or the file exists and overwrite is not set.
 */
export async function writeConfigFile(path: string, layer: RawLayer, opts: WriteOptions = {}): Promise<void> {
  const text = renderConfig(layer, path);
  if (!opts.overwrite && (await exists(path))) {
    throw new PithError('config', `${path} already exists; not overwriting it`, 'edit the file by hand, or move it away first');
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, text, 0o600);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
