import type { ToolSchema } from '../../src/core/index.js';

/**
 * The baseline's tools as the model sees them: common practice in names, shapes and description
 * length. read_file takes only a path (whole-file reads, capped at MAX_READ_LINES like common
 * agents); edit_file is an exact-string replacement. Executed by tools.ts.
 */
export const MAX_READ_LINES = 2000;
export const MAX_OUTPUT_CHARS = 30_000;
export const MAX_GREP_MATCHES = 100;

const S = (description: string) => ({ type: 'string', description });

export const BASELINE_TOOLS: ToolSchema[] = [
  {
    name: 'read_file',
    description: `Reads a file from the local filesystem and returns its contents.
Usage:
- The path is relative to the working directory.
- The whole file is returned, up to ${MAX_READ_LINES} lines; longer files are cut and say so.
- Lines are returned in cat -n format: the line number, a tab, then the line's text. The line number and tab are not part of the file: never include them in old_string.
- You must read a file before editing it with edit_file.
- Reading a directory is an error; use list_dir or glob for directories.
- If the file exists but is empty, a note says so.`,
    parameters: { type: 'object', properties: { path: S('Path of the file to read, relative to the working directory') }, required: ['path'], additionalProperties: false },
  },
  {
    name: 'edit_file',
    description: `Performs an exact string replacement in a file.
Usage:
- You must have read the file with read_file earlier in the conversation; the edit fails otherwise.
- old_string must match the file's current contents exactly, including whitespace and indentation. Do not include the line-number prefix shown by read_file.
- The edit fails if old_string is not found, or if it occurs more than once: then give more surrounding lines to make it unique, or set replace_all to change every occurrence (useful for renaming a variable).
- new_string must differ from old_string.
- Prefer editing existing files; only create new files when the task needs them.`,
    parameters: {
      type: 'object',
      properties: {
        path: S('Path of the file to change, relative to the working directory'),
        old_string: S('The exact text to replace'),
        new_string: S('The text to replace it with (must differ from old_string)'),
        replace_all: { type: 'boolean', description: 'Replace every occurrence of old_string (default false)' },
      },
      required: ['path', 'old_string', 'new_string'],
      additionalProperties: false,
    },
  },
  {
    name: 'write_file',
    description: `Writes a file to the local filesystem, creating parent directories as needed.
Usage:
- Overwrites the file if it exists. For an existing file, read it first and prefer edit_file for small changes.
- Never create documentation files (*.md) or README files unless the user asks for them.`,
    parameters: {
      type: 'object',
      properties: { path: S('Path of the file to write, relative to the working directory'), content: S('The full content of the file') },
      required: ['path', 'content'],
      additionalProperties: false,
    },
  },
  {
    name: 'grep',
    description: `Searches file contents with a regular expression (extended syntax) and returns matching lines as path:line:text.
Usage:
- Searches the working directory recursively (or the given path), skipping .git, node_modules, build and target directories.
- Use include to limit the search to files matching a glob, e.g. "*.ts" or "*.{js,mjs}".
- At most ${MAX_GREP_MATCHES} matching lines are returned; narrow the pattern or path if the output is cut.
- Always use grep for searching; never run grep or rg through bash.`,
    parameters: {
      type: 'object',
      properties: {
        pattern: S('The regular expression to search for'),
        path: S('Directory or file to search in (default: the working directory)'),
        include: S('Glob of file names to search, e.g. "*.py"'),
      },
      required: ['pattern'],
      additionalProperties: false,
    },
  },
  {
    name: 'glob',
    description: `Finds files by name with a glob pattern such as "**/*.ts" or "src/**/test_*.py" and returns matching paths, one per line, sorted.
Usage:
- Use it to find files by name; use grep to find files by content.
- Skips .git, node_modules, build and target directories.`,
    parameters: { type: 'object', properties: { pattern: S('The glob pattern to match file paths against') }, required: ['pattern'], additionalProperties: false },
  },
  {
    name: 'list_dir',
    description: 'Lists the entries of a directory (directories end with /). Prefer glob and grep when you know what you are looking for.',
    parameters: { type: 'object', properties: { dir: S('Directory to list, relative to the working directory (default ".")') }, additionalProperties: false },
  },
  {
    name: 'bash',
    description: `Executes a shell command with /bin/bash in the working directory and returns its combined stdout and stderr, followed by the exit code.
Usage:
- Use it for builds, tests, package managers and other programs. Do not use it for reading, searching or editing files: use the dedicated tools.
- Quote paths that contain spaces with double quotes.
- The command times out after 120 seconds.
- Output longer than ${MAX_OUTPUT_CHARS} characters is cut to its last ${MAX_OUTPUT_CHARS} characters.
- Do not start long-running servers or watchers.
- Chain dependent commands with && and independent ones with ;.`,
    parameters: { type: 'object', properties: { command: S('The command to execute') }, required: ['command'], additionalProperties: false },
  },
];
