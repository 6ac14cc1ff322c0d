import { mkdir, readFile, appendFile, writeFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import xxhash from 'xxhash-wasm';
import type { SymbolDef } from './types.js';
import type { FileEntry, SkipReason } from './entry.js';
import type { LanguageId } from './languages.js';
import { LANGUAGES } from './languages.js';
import { querySource } from './grammar.js';
import type { RefList } from './extract.js';
import { packDefs, unpackDefs, takePacked, type PackedDef } from './pack.js';

/**
 * The on-disk index cache in `cacheDir` (default `<root>/.pith/index/`):
 *   meta.json      per file: path, language, size, mtime, content hash, lines, skip, symbol count
 *   data.json      per file: content hash, definitions, references (the bulk)
 *   journal.jsonl  complete entries changed by `update()` since the snapshot, appended
 * A warm start reads only meta.json (+ journal): its entries are stubs (`stub` set, no defs or
 * refs) until `loadData()` fills them, so deciding what changed never pays for the bulk. The
 * snapshot pair is rewritten (data first, then meta, each atomically) by a build that changed
 * anything. A stub whose data record is missing or has another hash is the caller's to re-parse.
 * Every file carries a fingerprint of the format and the tags queries: a different one reads as
 * empty, so changing a query re-parses everything once. A torn journal line is ignored.
 */
const FORMAT = 2;

type Meta = [string, LanguageId, number, number, string, number, SkipReason | 0, number];
type Data = [string, PackedDef[], RefList];
type Change = { p: string; m: Meta | null; d?: Data };

export interface IndexCache {
  /** Stub entries from the snapshot, with the journal's complete entries replayed over them. */
  load(): Promise<Map<string, FileEntry>>;
  /** Definitions and references of the snapshot by path (empty map when unreadable). */
  loadData(): Promise<Map<string, { hash: string; defs: SymbolDef[]; refs: RefList }>>;
  /** Rewrite the snapshot from these complete entries and clear the journal. */
  save(entries: Iterable<FileEntry>): Promise<void>;
  /** Record changed complete entries (null: path deleted) without rewriting the snapshot. */
  append(changes: Array<{ path: string; entry: FileEntry | null }>): Promise<void>;
  /** Journal lines since the last snapshot. */
  readonly journalLength: number;
}

let fingerprint: Promise<string> | null = null;
function getFingerprint(): Promise<string> {
  fingerprint ??= xxhash().then((x) => {
    const ids = Object.keys(LANGUAGES) as LanguageId[];
    return `${FORMAT}:` + x.h64ToString(ids.map((id) => querySource(id)).join('\0'));
  });
  return fingerprint;
}

const packMeta = (e: FileEntry): Meta => [e.path, e.lang, e.size, e.mtimeMs, e.hash, e.lines, e.skip ?? 0, e.defs.length];
const packData = (e: FileEntry): Data => [e.hash, packDefs(e.defs), e.refs];

/** The JSON of `packData(e)`, from the worker's packed text when there is one. */
function dataJson(e: FileEntry): string {
  const packed = takePacked(e);
  if (packed === undefined) return JSON.stringify(packData(e));
  return `[${JSON.stringify(e.hash)},${packed.slice(1)}`;
}

function unpackMeta([path, lang, size, mtimeMs, hash, lines, skip, defs]: Meta): FileEntry {
  const e: FileEntry = { path, lang, size, mtimeMs, hash, lines, defs: [], refs: [] };
  if (skip) e.skip = skip;
  else e.stub = { defs };
  return e;
}

/**
 * Snapshot files are replaced atomically (temp file, then rename) but not fsynced: the cache is
 * disposable, and whatever a crash can leave (a file missing, empty, or older than its partner)
 * reads as entries to re-parse, never as wrong ones. Syncing the ~8 MB data file of a large
 * project held a cold build up by ~50 ms.
 */
async function replaceFile(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

async function readJson<T>(path: string, fp: string): Promise<T | null> {
  try {
    const j = JSON.parse(await readFile(path, 'utf8')) as { fp: string } & T;
    return j.fp === fp ? j : null;
  } catch {
    return null;
  }
}

export function createIndexCache(dir: string): IndexCache {
  const metaPath = join(dir, 'meta.json');
  const dataPath = join(dir, 'data.json');
  const journal = join(dir, 'journal.jsonl');
  let journalLength = 0;
  let ready: Promise<void> | null = null;
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true }).then(async () => {
    // Keep the cache out of the project's git status without touching its .gitignore.
    await writeFile(join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => {});
  }));

  return {
    get journalLength() {
      return journalLength;
    },
    async load() {
      const fp = await getFingerprint();
      const out = new Map<string, FileEntry>();
      journalLength = 0;
      const meta = await readJson<{ files: Meta[] }>(metaPath, fp);
      if (!meta) return out;
      for (const m of meta.files) out.set(m[0], unpackMeta(m));
      const text = await readFile(journal, 'utf8').catch(() => '');
      const lines = text.split('\n');
      if (lines[0] !== JSON.stringify({ fp })) return out;
      for (const line of lines.slice(1)) {
        let c: Change;
        try {
          c = JSON.parse(line) as Change;
        } catch {
          continue;
        }
        journalLength += 1;
        if (!c.m) out.delete(c.p);
        else {
          const e = unpackMeta(c.m);
          delete e.stub;
          if (c.d) [e.defs, e.refs] = [unpackDefs(c.p, c.d[1]), c.d[2]];
          out.set(c.p, e);
        }
      }
      return out;
    },
    async loadData() {
      const out = new Map<string, { hash: string; defs: SymbolDef[]; refs: RefList }>();
      const data = await readJson<{ files: Record<string, Data> }>(dataPath, await getFingerprint());
      if (!data) return out;
      for (const [path, [hash, defs, refs]] of Object.entries(data.files)) out.set(path, { hash, defs: unpackDefs(path, defs), refs });
      return out;
    },
    async save(entries) {
      await ensureDir();
      const fp = await getFingerprint();
      const meta: Meta[] = [];
      // Assembled by hand: the same JSON as `{ fp, files: { [path]: Data } }`.
      const data: string[] = [];
      for (const e of entries) {
        if (e.stub) throw new Error(`index cache: refusing to save stub entry ${e.path}`);
        meta.push(packMeta(e));
        if (!e.skip) data.push(`${JSON.stringify(e.path)}:${dataJson(e)}`);
      }
      await replaceFile(dataPath, `{"fp":${JSON.stringify(fp)},"files":{${data.join(',')}}}`);
      await replaceFile(metaPath, JSON.stringify({ fp, files: meta }));
      await rm(journal, { force: true });
      journalLength = 0;
    },
    async append(changes) {
      if (changes.length === 0) return;
      await ensureDir();
      const fp = await getFingerprint();
      const body = changes
        .map((c) => JSON.stringify({ p: c.path, m: c.entry && packMeta(c.entry), ...(c.entry && !c.entry.skip ? { d: packData(c.entry) } : {}) } satisfies Change))
        .join('\n');
      // The first change after a snapshot starts a fresh journal under the current fingerprint.
      if (journalLength === 0) await writeFile(journal, JSON.stringify({ fp }) + '\n' + body + '\n');
      else await appendFile(journal, body + '\n');
      journalLength += changes.length;
    },
  };
}
