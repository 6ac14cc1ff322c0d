import type { SymbolDef, SymbolRef } from './types.js';
import type { FileEntry } from './entry.js';

/**
 * The in-memory index: file entries by path plus name lookups over them. The lookups are built on
 * first use and then kept current entry by entry, so a one-file update stays cheap.
 */
export class SymbolTable {
  readonly entries = new Map<string, FileEntry>();
  private byName: Map<string, SymbolDef[]> | null = null;
  private byLower: Map<string, Set<string>> | null = null;
  private refsByName: Map<string, Array<[string, number[]]>> | null = null;

  set(entry: FileEntry): void {
    const old = this.entries.get(entry.path);
    if (old === entry) return;
    if (old) this.unindex(old);
    this.entries.set(entry.path, entry);
    this.index(entry);
  }

  delete(path: string): boolean {
    const old = this.entries.get(path);
    if (!old) return false;
    this.unindex(old);
    this.entries.delete(path);
    return true;
  }

  /** Definitions named exactly `name`. */
  defsNamed(name: string): SymbolDef[] {
    return this.names().get(name) ?? [];
  }

  /** Distinct definition names whose lower case is `lower`. */
  namesLower(lower: string): string[] {
    this.names();
    return [...(this.byLower!.get(lower) ?? [])];
  }

  /** Every distinct definition name. */
  allNames(): IterableIterator<string> {
    return this.names().keys();
  }

  /** Uses of `name`: files with their lines. */
  refsTo(name: string): Array<[string, number[]]> {
    return this.refs().get(name) ?? [];
  }

  references(name: string): SymbolRef[] {
    const out: SymbolRef[] = [];
    for (const [path, lines] of this.refsTo(name)) for (const line of lines) out.push({ path, line });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }

  get symbolCount(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.defs.length;
    return n;
  }

  private names(): Map<string, SymbolDef[]> {
    if (!this.byName) {
      this.byName = new Map();
      this.byLower = new Map();
      for (const e of this.entries.values()) this.indexDefs(e);
    }
    return this.byName;
  }

  private refs(): Map<string, Array<[string, number[]]>> {
    if (!this.refsByName) {
      this.refsByName = new Map();
      for (const e of this.entries.values()) this.indexRefs(e);
    }
    return this.refsByName;
  }

  private index(e: FileEntry): void {
    if (this.byName) this.indexDefs(e);
    if (this.refsByName) this.indexRefs(e);
  }

  private indexDefs(e: FileEntry): void {
    for (const d of e.defs) {
      const list = this.byName!.get(d.name);
      if (list) list.push(d);
      else {
        this.byName!.set(d.name, [d]);
        const lower = d.name.toLowerCase();
        const set = this.byLower!.get(lower);
        if (set) set.add(d.name);
        else this.byLower!.set(lower, new Set([d.name]));
      }
    }
  }

  private indexRefs(e: FileEntry): void {
    for (const [name, lines] of e.refs) {
      const list = this.refsByName!.get(name);
      if (list) list.push([e.path, lines]);
      else this.refsByName!.set(name, [[e.path, lines]]);
    }
  }

  private unindex(e: FileEntry): void {
    if (this.byName) {
      for (const name of new Set(e.defs.map((d) => d.name))) {
        const rest = (this.byName.get(name) ?? []).filter((d) => d.path !== e.path);
        if (rest.length) this.byName.set(name, rest);
        else {
          this.byName.delete(name);
          const set = this.byLower!.get(name.toLowerCase());
          set?.delete(name);
          if (set && set.size === 0) this.byLower!.delete(name.toLowerCase());
        }
      }
    }
    if (this.refsByName) {
      for (const [name] of e.refs) {
        const rest = (this.refsByName.get(name) ?? []).filter(([p]) => p !== e.path);
        if (rest.length) this.refsByName.set(name, rest);
        else this.refsByName.delete(name);
      }
    }
  }
}
