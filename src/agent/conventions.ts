import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tokenizer } from '../tokens/index.js';
import { CONVENTIONS_FILES, CONVENTIONS_MAX_TOKENS } from './system-prompt.js';

/** The project's conventions (AGENTS.md, CLAUDE.md or .pith/conventions.md), capped in tokens. */
export async function loadConventions(root: string, tok: Tokenizer, maxTokens = CONVENTIONS_MAX_TOKENS): Promise<{ file: string; text: string } | null> {
  for (const file of CONVENTIONS_FILES) {
    let text: string;
    try {
      text = await readFile(join(root, file), 'utf8');
    } catch {
      continue;
    }
    text = text.trim();
    if (!text) continue;
    if (tok.count(text) > maxTokens) {
      // Cut on line boundaries until it fits, and say so.
      const lines = text.split('\n');
      while (lines.length > 1 && tok.count(lines.join('\n')) > maxTokens - 20) lines.pop();
      text = `${lines.join('\n')}\n[${file} cut to ${maxTokens} tokens]`;
    }
    return { file, text };
  }
  return null;
}
