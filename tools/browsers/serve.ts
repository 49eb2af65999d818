/**
 * A tiny static file server for test and demo pages: 127.0.0.1 only, no path traversal, and every response carries
 * a Content-Security-Policy that blocks anything not served from here, so nothing a saved page references can leave
 * this machine.
 *
 * A page can be served with a stricter policy as well: a sidecar file `<page>.csp` next to it (e.g. `strict.html` and
 * `strict.html.csp` holding `default-src 'none'`) adds its one line as a second `Content-Security-Policy` header.
 * Browsers enforce every policy they receive, so a sidecar can only tighten what the default allows, never loosen it.
 *
 * Module: `const server = await startServer('test/fixtures/pages'); …; await server.close();`
 * CLI:    `tsx tools/browsers/serve.ts <folder>` prints the URL and serves until Ctrl-C.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Sent with every response, errors included: only this origin, inline code and data/blob URLs may load. */
export const CONTENT_SECURITY_POLICY = "default-src 'self' 'unsafe-inline' data: blob:";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** The MIME type for a file name, by extension; unknown files are served as opaque bytes. */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** A running server: `url` ends with `/`, so `new URL('page.html', url)` addresses a file under the root. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Resolves a request path to a file strictly inside `root` (a real path), or null. Symlinks are resolved before the
 * containment check so a link cannot lead outside the root either.
 */
async function resolveFile(root: string, requestUrl: string): Promise<string | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  let candidate = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (!isInside(root, candidate)) return null;
  try {
    let info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = path.join(candidate, 'index.html');
      info = await stat(candidate);
    }
    if (!info.isFile()) return null;
    const real = await realpath(candidate);
    return isInside(root, real) ? real : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A sidecar's policy: one line of printable ASCII (it becomes a header), at most this long. */
const MAX_SIDECAR_POLICY_CHARS = 4096;

/**
 * The extra policy of `file` from its `<file>.csp` sidecar, or null when there is none. A sidecar that is not one
 * line of printable ASCII, or that leads outside the root, is an error (a clear 500 beats a silently laxer test).
 */
async function sidecarPolicy(root: string, file: string): Promise<string | null> {
  let real: string;
  try {
    real = await realpath(`${file}.csp`);
  } catch {
    return null;
  }
  if (!isInside(root, real)) throw new Error(`${file}.csp leads outside the served folder`);
  const policy = (await readFile(real, 'utf8')).trim();
  if (!policy || policy.length > MAX_SIDECAR_POLICY_CHARS || !/^[\x20-\x7e]+$/.test(policy)) {
    throw new Error(`${file}.csp must hold one line of printable ASCII (a Content-Security-Policy)`);
  }
  return policy;
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(text);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const file = await resolveFile(root, req.url ?? '/');
  if (file === null) {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  const extraPolicy = await sidecarPolicy(root, file);
  if (extraPolicy !== null) res.setHeader('Content-Security-Policy', [CONTENT_SECURITY_POLICY, extraPolicy]);
  const { size } = await stat(file);
  res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Content-Length': String(size) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Serves the files under `root` on 127.0.0.1 at a free port. */
export async function startServer(root: string): Promise<StaticServer> {
  const realRoot = await realpath(path.resolve(root));
  if (!(await stat(realRoot)).isDirectory()) throw new Error(`startServer: not a folder: ${root}`);
  const server = createServer((req, res) => {
    handle(realRoot, req, res).catch((error: unknown) => {
      const detail = error instanceof Error ? `: ${error.message}` : '';
      if (!res.headersSent) sendText(res, 500, `Internal Server Error${detail}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep connections alive; drop them so close() resolves at once.
        server.closeAllConnections();
      }),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const folder = argv[0];
  if (folder === undefined || argv.length > 1) {
    console.error('usage: tsx tools/browsers/serve.ts <folder>');
    process.exitCode = 2;
    return;
  }
  const server = await startServer(folder);
  console.log(server.url);
  const stop = (): void => {
    void server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
