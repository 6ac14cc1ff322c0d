import type { CliIO } from '../io.js';

/** Placeholder until its issue lands: says so plainly and exits 2. */
export async function doctorCommand(_argv: string[], io: CliIO): Promise<number> {
  io.stderr.write("pith: 'doctor' is not built yet in this version.\n");
  return 2;
}
