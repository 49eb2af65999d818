/** The fixture server: 127.0.0.1 only, files under the root only, a CSP on every response. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, startServer, type StaticServer } from '../../tools/browsers/serve';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Every header line as sent, `[name, value]`. */
  lines: [string, string][];
  body: string;
}

/** A GET whose path is sent verbatim (fetch would normalise away `..`). */
function rawGet(baseUrl: string, rawPath: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          lines: res.rawHeaders.flatMap((value, i, all) => (i % 2 === 0 ? [[value, all[i + 1] ?? '']] : [])) as [
            string,
            string,
          ][],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${rawPath}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('tools/browsers/serve.ts', () => {
  let dir: string;
  let server: StaticServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backstory-serve-'));
    const root = path.join(dir, 'root');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await writeFile(path.join(root, 'page.html'), '<!doctype html><p>hello</p>');
    await writeFile(path.join(root, 'style.css'), 'p { color: red }');
    await writeFile(path.join(root, 'sub', 'index.html'), '<p>index</p>');
    await writeFile(path.join(root, 'sub', 'data.json'), '{}');
    await writeFile(path.join(root, 'name with space.txt'), 'spaced');
    await writeFile(path.join(root, 'strict.html'), '<p>strict</p>');
    await writeFile(path.join(root, 'strict.html.csp'), "default-src 'none'\n");
    await writeFile(path.join(root, 'broken.html'), '<p>broken</p>');
    await writeFile(path.join(root, 'broken.html.csp'), "default-src 'none'\r\nSet-Cookie: x=1");
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'link-out.txt'));
    server = await startServer(root);
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 at a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it.each([
    ['/page.html', 'text/html; charset=utf-8', '<!doctype html><p>hello</p>'],
    ['/style.css', 'text/css; charset=utf-8', 'p { color: red }'],
    ['/sub/data.json', 'application/json; charset=utf-8', '{}'],
    ['/sub/', 'text/html; charset=utf-8', '<p>index</p>'],
    ['/name%20with%20space.txt', 'text/plain; charset=utf-8', 'spaced'],
    ['/page.html?page=2#x', 'text/html; charset=utf-8', '<!doctype html><p>hello</p>'],
  ])('serves %s as %s', async (urlPath, type, body) => {
    const res = await rawGet(server.url, urlPath);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).toBe(body);
  });

  it.each([
    '/missing.html',
    '/../secret.txt',
    '/sub/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/link-out.txt',
    '/page.html%00.txt',
    '/%E0%A4%A',
  ])('answers 404 with the CSP for %s', async (urlPath) => {
    const res = await rawGet(server.url, urlPath);
    expect(res.status).toBe(404);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).not.toContain('secret');
  });

  it('adds the policy of a <page>.csp sidecar as a second CSP header, keeping the default', async () => {
    const res = await rawGet(server.url, '/strict.html');
    expect(res.status).toBe(200);
    expect(res.body).toBe('<p>strict</p>');
    const policies = res.lines.filter(([name]) => name.toLowerCase() === 'content-security-policy').map(([, v]) => v);
    expect(policies).toEqual([CONTENT_SECURITY_POLICY, "default-src 'none'"]);
    // Pages without a sidecar keep the one default policy.
    const plain = await rawGet(server.url, '/page.html');
    expect(plain.lines.filter(([name]) => name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });

  it('refuses a sidecar that is not one line of printable ASCII with a clear 500', async () => {
    const res = await rawGet(server.url, '/broken.html');
    expect(res.status).toBe(500);
    expect(res.body).toContain('broken.html.csp must hold one line');
    expect(res.lines.some(([name]) => name.toLowerCase() === 'set-cookie')).toBe(false);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await rawGet(server.url, '/page.html', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const res = await rawGet(server.url, '/page.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });
});
