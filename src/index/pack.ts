import type { SymbolDef, SymbolKind } from './types.js';
import type { Extracted, RefList } from './extract.js';
import type { FileEntry } from './entry.js';

/**
 * The compact form of one file's definitions and references, shared by the cache files and the
 * parse workers' replies: a definition is a tuple without its path (the path is the key it is
 * stored under), `container` only when set.
 */
export type PackedDef = [string, SymbolKind, number, number, string, string?];
export type PackedExtract = [PackedDef[], RefList];

export const packDefs = (defs: SymbolDef[]): PackedDef[] => defs.map((d): PackedDef => (d.container === undefined
  ? [d.name, d.kind, d.startLine, d.endLine, d.signature]
  : [d.name, d.kind, d.startLine, d.endLine, d.signature, d.container]));

export function unpackDefs(path: string, defs: PackedDef[]): SymbolDef[] {
  return defs.map(([name, kind, startLine, endLine, signature, container]) => {
    const d: SymbolDef = { name, kind, path, startLine, endLine, signature };
    if (container !== undefined) d.container = container;
    return d;
  });
}

/** JSON of `ex` in packed form: what a worker sends back and what the cache's data record holds. */
export const packExtracted = (ex: Extracted): string => JSON.stringify([packDefs(ex.defs), ex.refs] satisfies PackedExtract);

/**
 * Entries whose definitions and references also exist as packed JSON (a worker's reply), so the
 * next cache snapshot copies that text instead of packing and stringifying them again. The JSON
 * must be `packExtracted` of exactly the entry's defs and refs; taking it forgets it.
 */
const packedJson = new WeakMap<FileEntry, string>();

export function notePacked(entry: FileEntry, json: string): void {
  packedJson.set(entry, json);
}

export function takePacked(entry: FileEntry): string | undefined {
  const json = packedJson.get(entry);
  packedJson.delete(entry);
  return json;
}
