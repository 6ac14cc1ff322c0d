import type { SessionState, Turn } from './records.js';

/**
 * A compact summary of a session's visible turns for a resumed model context: tasks, outcomes,
 * files touched and the gist of each answer, newest turns kept first when the budget is tight.
 * Not a replay: no tool output, no full answers.
 *
 * Contract: `count(result) <= budgetTokens` always holds; '' when not even one turn fits.
 * Turns are listed oldest first; the header says how many earlier turns were left out.
 */
export function resumeContext(session: Pick<SessionState, 'turns'>, budgetTokens: number, count: (text: string) => number): string {
  const turns = session.turns;
  if (turns.length === 0 || budgetTokens <= 0) return '';
  const lines: string[] = []; // newest first while choosing
  let used = count(header(turns.length, turns.length)); // worst-case header
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const full = formatTurn(i + 1, turn, 'full');
    const compact = formatTurn(i + 1, turn, 'compact');
    const fullCost = count(full) + 1;
    const compactCost = count(compact) + 1;
    if (used + fullCost <= budgetTokens) {
      lines.push(full);
      used += fullCost;
    } else if (used + compactCost <= budgetTokens) {
      lines.push(compact);
      used += compactCost;
    } else break;
  }
  // Per-line counts are an estimate of the joined text: drop the oldest until the real count fits.
  while (lines.length > 0) {
    const text = [header(turns.length - lines.length, turns.length), ...[...lines].reverse()].join('\n');
    if (count(text) <= budgetTokens) return text;
    lines.pop();
  }
  return '';
}

function header(omitted: number, total: number): string {
  const left = omitted > 0 ? `; ${omitted} earlier turn${omitted > 1 ? 's' : ''} left out` : '';
  return `Earlier in this session (${total} turn${total > 1 ? 's' : ''}, oldest first${left}):`;
}

/** full: task, outcome, files and the start of the answer; compact: task and outcome only. Token counts are left out: they tell the model nothing. */
function formatTurn(n: number, t: Turn, form: 'full' | 'compact'): string {
  const full = form === 'full';
  const status = t.runs.length > 0 ? t.runs[t.runs.length - 1]!.status : t.answer !== undefined ? 'answered' : 'no result';
  let line = `${n}. "${clip(t.task, full ? 200 : 60)}" -> ${status}`;
  if (!full) return line;
  if (t.files.length > 0) {
    const shown = t.files.slice(0, 6).join(', ');
    line += `; files: ${shown}${t.files.length > 6 ? ` +${t.files.length - 6} more` : ''}`;
  }
  if (t.answer) line += `\n   answer: ${clip(t.answer, 200)}`;
  return line;
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1) + '…';
}
