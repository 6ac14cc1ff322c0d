/**
 * Yields the non-empty lines of a byte stream, calling `touch` on every chunk received
 * (bytes count as life even when they do not complete a line). A final unterminated line
 * is yielded too. Releasing the iterator cancels the body.
 */
export async function* readLines(body: ReadableStream<Uint8Array>, touch: () => void): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      touch();
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) yield line;
      }
    }
    const rest = (buf + decoder.decode()).trim();
    finished = true;
    if (rest) yield rest;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
