import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { readTelemetry, parseTelemetryLine, normalizeRecord, type TelemetryRecord } from '../../src/telemetry/inspect.js';
import { call, tempDir } from './fixture.js';

async function readAll(text: string) {
  const records: TelemetryRecord[] = [];
  const stats = await readTelemetry(Readable.from([text]), (r) => void records.push(r));
  return { records, stats };
}

const c1 = JSON.stringify(call('2026-11-01T12:00:00.000Z', 'r1', 'p', 'm', { call: 1, counted_tokens: 10 }));
const c2 = JSON.stringify(call('2026-11-01T12:00:01.000Z', 'r1', 'p', 'm', { call: 2, counted_tokens: 20 }));

describe('telemetry reader', () => {
  it('recovers the whole record appended after a torn line, and counts the tear', async () => {
    const { records, stats } = await readAll(`${c1.slice(0, 40)}${c2}\n${c1}\n`);
    expect(records.map((r) => (r.kind === 'call' ? r.call : 0))).toEqual([2, 1]);
    expect(stats).toMatchObject({ lines: 2, records: 2, malformed: 1, recovered: 1 });
  });

  it('skips blank lines, reads CRLF, counts non-object JSON as malformed and unknown kinds apart', async () => {
    const { records, stats } = await readAll(`${c1}\r\n\r\n[1,2]\n42\n{"v":1,"kind":"future","ts":"x"}\n${c2}`);
    expect(records).toHaveLength(2);
    expect(stats).toEqual({ lines: 6, records: 2, malformed: 2, recovered: 0, unknownKind: 1, olderVersion: 0, newerVersion: 0 });
  });

  it('reads an older record with defaults and a newer one as far as it goes, keeping unknown fields', () => {
    const old = parseTelemetryLine('{"kind":"call","ts":"2026-01-01T00:00:00Z","run":"r","counted_tokens":"lots","error_kind":"stall"}');
    expect(old.type).toBe('record');
    if (old.type !== 'record' || old.record.kind !== 'call') throw new Error('not a call');
    expect(old.version).toBe('older');
    expect(old.record).toMatchObject({
      v: 0, session: '', profile: '', counted_tokens: 0, input_tokens: null, breakdown: { system: 0, tools: 0, task: 0, excerpts: 0, history: 0 },
      status: 'error', retries: 0, step: null,
    });
    const newer = normalizeRecord({ v: 9, kind: 'tool', tool: 'read', tokens: 5, shiny: true, status: 'partial' });
    expect(newer).toMatchObject({ type: 'record', version: 'newer', record: { tool: 'read', tokens: 5, shiny: true, status: 'partial', truncated: false } });
  });

  it('applies the prefilter before parsing', async () => {
    const records: TelemetryRecord[] = [];
    const stats = await readTelemetry(Readable.from([`${c1}\nbroken\n`]), (r) => void records.push(r), { prefilter: (l) => l.includes('"call":1') });
    expect([records.length, stats.lines, stats.malformed]).toEqual([1, 1, 0]);
  });

  it('says plainly when the file is missing', async () => {
    await expect(readTelemetry(join(tempDir(), 'nope.jsonl'), () => {})).rejects.toThrow(/no such file/);
  });

  it('stops on the abort signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(readTelemetry(Readable.from([`${c1}\n`]), () => {}, { signal: ac.signal })).rejects.toThrow(/interrupted/);
  });
});
