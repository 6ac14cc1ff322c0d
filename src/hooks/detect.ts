import { access } from 'node:fs/promises';
import { join } from 'node:path';

/** A project check. `files` = run with the changed files of these extensions appended. */
export interface Check {
  name: string;
  command: string;
  /** When set, the command only runs if a changed file ends with one of these, and they are appended. */
  perFileExt?: string[];
  /** Only run when a changed file has one of these extensions. */
  onlyFor?: string[];
}

export type HooksSetting = string[] | 'auto' | 'off';

const exists = (p: string) => access(p).then(() => true, () => false);

/**
 * The project's own checks, from the files at its root. Config wins: an explicit list is used
 * as is, 'off' disables them. Detection order is the order checks run.
 */
export async function detectChecks(root: string, setting: HooksSetting, has: (bin: string) => Promise<boolean>): Promise<Check[]> {
  if (setting === 'off') return [];
  if (Array.isArray(setting)) return setting.map((command) => ({ name: command.split(/\s+/)[0] ?? command, command }));
  const checks: Check[] = [];
  if (await exists(join(root, 'tsconfig.json'))) {
    const local = join(root, 'node_modules', '.bin', 'tsc');
    const tsc = (await exists(local)) ? `"${local}"` : (await has('tsc')) ? 'tsc' : null;
    if (tsc) checks.push({ name: 'tsc', command: `${tsc} --noEmit --pretty false -p .`, onlyFor: ['.ts', '.tsx', '.mts', '.cts', '.js', '.json'] });
  }
  if (await exists(join(root, 'Cargo.toml')) && (await has('cargo'))) {
    checks.push({ name: 'cargo', command: 'cargo check --quiet --offline --message-format short', onlyFor: ['.rs', '.toml'] });
  }
  if (await exists(join(root, 'go.mod')) && (await has('go'))) {
    checks.push({ name: 'go', command: 'go build ./... && go vet ./...', onlyFor: ['.go', '.mod'] });
  }
  const python = (await exists(join(root, 'pyproject.toml'))) || (await exists(join(root, 'setup.py'))) || (await exists(join(root, 'requirements.txt')));
  if (python) {
    if (await has('ruff')) checks.push({ name: 'ruff', command: 'ruff check --output-format concise --quiet', perFileExt: ['.py'] });
    else if (await has('python3')) checks.push({ name: 'py_compile', command: 'python3 -m py_compile', perFileExt: ['.py'] });
  }
  return checks;
}
