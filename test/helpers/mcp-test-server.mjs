#!/usr/bin/env node
// A real MCP server (the SDK's McpServer over stdio) for test/mcp. Plain .mjs so plain `node`
// starts it. Behaviour knobs come from argv:
//   --fail-start        exit(3) before speaking MCP (a server that fails to start)
//   --slow-start=MS     wait MS before connecting (a slow server)
//   --http=PORT         serve streamable HTTP on 127.0.0.1:PORT instead of stdio (0 = any; prints the port on stdout)
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const argv = process.argv.slice(2);
const opt = (name) => argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ?? (argv.includes(`--${name}`) ? '' : undefined);

process.stderr.write(`test-server: starting pid ${process.pid}\n`);
if (opt('fail-start') !== undefined) {
  process.stderr.write('test-server: configured to fail at start\n');
  process.exit(3);
}
const slow = Number(opt('slow-start') ?? 0);
if (slow > 0) await new Promise((r) => setTimeout(r, slow));

const LONG = 'This tool does a great many things. '.repeat(40);
const NESTED = 'A nested property description that goes on and on about details the model rarely needs. '.repeat(6);

export function buildServer() {
  const server = new McpServer({ name: 'pith-test-server', version: '1.0.0' });

  server.registerTool('echo', { description: 'Echo the text back.', inputSchema: { text: z.string().describe('what to echo') } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));

  server.registerTool('add', { description: 'Add two numbers.', inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => ({
    content: [{ type: 'text', text: String(a + b) }],
  }));

  // Not a valid model-side name: dots and a space.
  server.registerTool('files.read all', { description: 'A tool whose name needs mapping.' }, async () => ({
    content: [{ type: 'text', text: 'mapped ok' }],
  }));

  server.registerTool(
    'verbose',
    {
      description: LONG,
      inputSchema: {
        query: z.string().describe(NESTED),
        options: z.object({ depth: z.number().describe(NESTED), mode: z.enum(['a', 'b']).describe(NESTED) }).describe(NESTED),
      },
    },
    async () => ({ content: [{ type: 'text', text: 'verbose ok' }] }),
  );

  server.registerTool('mixed', { description: 'Text plus an image and a resource link.' }, async () => ({
    content: [
      { type: 'text', text: 'first part' },
      { type: 'image', data: Buffer.alloc(3000, 1).toString('base64'), mimeType: 'image/png' },
      { type: 'text', text: 'second part' },
      { type: 'resource_link', uri: 'file:///tmp/x.txt', name: 'x.txt' },
    ],
  }));

  server.registerTool('fail', { description: 'Always fails.' }, async () => ({
    content: [{ type: 'text', text: 'something went wrong on the server' }],
    isError: true,
  }));

  server.registerTool('big', { description: 'Returns many lines.', inputSchema: { lines: z.number() } }, async ({ lines }) => ({
    content: [{ type: 'text', text: Array.from({ length: lines }, (_, i) => `line ${i + 1}: some words to make it longer`).join('\n') }],
  }));

  server.registerTool('slow', { description: 'Sleeps.', inputSchema: { ms: z.number() } }, async ({ ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    return { content: [{ type: 'text', text: 'slept' }] };
  });

  server.registerTool('crash', { description: 'Exits the process mid-call.' }, async () => {
    process.stderr.write('test-server: crashing now\n');
    setTimeout(() => process.exit(7), 20);
    return new Promise(() => {});
  });

  server.registerTool('env', { description: 'Names of the environment variables the server sees.' }, async () => ({
    content: [{ type: 'text', text: JSON.stringify(Object.keys(process.env).sort()) + ' ' + (process.env.PITH_TEST_VALUE ?? '') }],
  }));
  return server;
}

const httpPort = opt('http');
if (httpPort !== undefined) {
  const { createServer } = await import('node:http');
  const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const http = createServer(async (req, res) => {
    // Stateless: a fresh server and transport per request.
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => { void transport.close(); void server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  http.listen(Number(httpPort), '127.0.0.1', () => process.stdout.write(`${http.address().port}\n`));
} else {
  await buildServer().connect(new StdioServerTransport());
  process.stderr.write('test-server: ready\n');
}
