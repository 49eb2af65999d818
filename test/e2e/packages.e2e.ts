/**
 * Store packages: runs `npm run zip` and `npm run zip:firefox`, unpacks each zip from `.output/` (with the small zip
 * reader below, no dependency) and checks what a store reviewer would: the manifest's name, version, icons,
 * permissions, content-security policy and Firefox add-on id; that every file the manifest or an HTML page refers to
 * is in the zip; and that the package holds no remote code (no remote `<script>`, no `eval`/`new Function`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CARD_CHUNK, EXTRACT_CHUNK, GECKO_ID } from '../../wxt.config';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };

/** The sizes stores and browsers ask for; `public/icon/<size>.png` each. */
const ICON_SIZES = ['16', '32', '48', '96', '128'] as const;

/** Exactly these permissions: settings (storage.sync) and the page/selection menu items. */
const PERMISSIONS = ['contextMenus', 'storage'];

/**
 * Files allowed to contain `eval(` / `new Function(` / `Function("…")`, with the reason. None today: neither our
 * code (eslint bans them) nor any bundled library (valibot, Floating UI, webextension-polyfill, @wxt-dev/storage)
 * uses them. If a library update ever does, name its chunk here and say why that use is not remote code.
 */
const DYNAMIC_CODE_ALLOWED: readonly { file: RegExp; reason: string }[] = [];

// ---------------------------------------------------------------------------------------------------------------
// A tiny zip reader: the central directory, then each entry's local header; stored (0) or deflated (8) entries.

function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: no end-of-central-directory record`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a directory
    if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error(`${file}: bad local header for ${name}`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${file}: ${name} uses compression method ${method}`);
    if (data.length !== size) throw new Error(`${file}: ${name} unpacked to ${data.length} bytes, not ${size}`);
    entries.set(name, data);
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------------------
// Manifest helpers.

interface Manifest {
  manifest_version: number;
  name: string;
  version: string;
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[]; css?: string[]; run_at?: string }[];
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
  browser_specific_settings?: { gecko?: { id?: string } };
  [key: string]: unknown;
}

/** A manifest path (`/popup.html`, `popup.html`) as a zip entry name. */
function entryName(file: string): string {
  return file.replace(/^\.?\//, '');
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (value && typeof value === 'object') return Object.values(value).flatMap(asStrings); // icon maps
  return [];
}

/** Every packaged file the manifest names (icons, pages, scripts, styles, web-accessible resources). */
function referencedFiles(manifest: Manifest): string[] {
  const files: string[] = [];
  const objectAt = (key: string): Record<string, unknown> =>
    (manifest[key] && typeof manifest[key] === 'object' ? manifest[key] : {}) as Record<string, unknown>;
  files.push(...asStrings(manifest.icons));
  for (const key of ['action', 'browser_action', 'page_action', 'sidebar_action']) {
    const action = objectAt(key);
    files.push(
      ...asStrings(action.default_icon),
      ...asStrings(action.default_popup),
      ...asStrings(action.default_panel),
    );
  }
  const background = objectAt('background');
  files.push(...asStrings(background.service_worker), ...asStrings(background.scripts), ...asStrings(background.page));
  files.push(...asStrings(objectAt('options_ui').page), ...asStrings(manifest.options_page));
  files.push(...asStrings(manifest.devtools_page), ...asStrings(objectAt('side_panel').default_path));
  files.push(...asStrings(manifest.chrome_url_overrides));
  for (const script of manifest.content_scripts ?? []) files.push(...(script.js ?? []), ...(script.css ?? []));
  const accessible = (manifest.web_accessible_resources ?? []) as (string | { resources?: string[] })[];
  for (const item of accessible) files.push(...(typeof item === 'string' ? [item] : (item.resources ?? [])));
  return [...new Set(files.filter((file) => !file.includes('*')).map(entryName))];
}

/** Sources in a CSP's `script-src` (or `default-src` when there is none) that would let remote or dynamic code in. */
function unsafeScriptSources(policy: string): string[] {
  const directives = new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name.toLowerCase(), sources] as const)
      .filter(([name]) => name !== ''),
  );
  const sources = directives.get('script-src') ?? directives.get('default-src') ?? [];
  const safe = /^('self'|'none'|'wasm-unsafe-eval'|'sha(256|384|512)-[A-Za-z0-9+/=]+')$/i;
  return sources.filter((source) => !safe.test(source));
}

function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// ---------------------------------------------------------------------------------------------------------------

const PACKAGES = [
  { browser: 'chrome', script: 'zip' },
  { browser: 'firefox', script: 'zip:firefox' },
] as const;

describe('store packages', () => {
  beforeAll(() => {
    for (const { script } of PACKAGES) {
      execFileSync('npm', ['run', script], { stdio: 'pipe', timeout: 90_000 });
    }
  }, 200_000);

  for (const { browser } of PACKAGES) {
    describe(`${browser} zip`, () => {
      const zipPath = path.resolve('.output', `${packageJson.name}-${packageJson.version}-${browser}.zip`);
      let files: Map<string, Buffer>;
      let manifest: Manifest;
      const text = (name: string): string => files.get(name)?.toString('utf8') ?? '';

      beforeAll(() => {
        files = readZip(zipPath);
        manifest = JSON.parse(text('manifest.json')) as Manifest;
      });

      it('has a manifest with the name and the version of package.json', () => {
        expect(files.has('manifest.json')).toBe(true);
        expect(manifest.name).toBe('Backstory');
        expect(manifest.version).toBe(packageJson.version);
        expect(browser === 'chrome' ? [3] : [2, 3]).toContain(manifest.manifest_version);
      });

      it('injects the marks stylesheet at document_start and the script at document_idle, on the same pages', () => {
        const entries = manifest.content_scripts ?? [];
        const styles = entries.filter((entry) => (entry.css ?? []).length > 0);
        const scripts = entries.filter((entry) => (entry.js ?? []).length > 0);
        expect(styles.map((entry) => entry.run_at)).toEqual(['document_start']);
        expect(scripts.map((entry) => entry.run_at)).toEqual(['document_idle']);
        expect(styles[0]?.js).toBeUndefined();
        expect(scripts[0]?.css).toBeUndefined();
        expect([...(styles[0]?.matches ?? [])].sort()).toEqual([...(scripts[0]?.matches ?? [])].sort());
        for (const file of [...(styles[0]?.css ?? []), ...(scripts[0]?.js ?? [])]) expect(files.has(file)).toBe(true);
      });

      it('has icons in every size, each a PNG of that size in the zip', () => {
        expect(Object.keys(manifest.icons ?? {}).sort()).toEqual([...ICON_SIZES].sort());
        for (const size of ICON_SIZES) {
          const icon = files.get(entryName(manifest.icons?.[size] ?? ''));
          expect(icon && pngSize(icon), `icon ${size}`).toEqual({ width: Number(size), height: Number(size) });
        }
      });

      it('asks for exactly storage and contextMenus, and no host permission', () => {
        expect([...(manifest.permissions ?? [])].sort()).toEqual(PERMISSIONS);
        expect(manifest.permissions).not.toContain('tabs');
        expect(manifest.permissions).not.toContain('<all_urls>');
        expect(manifest.optional_permissions ?? []).toEqual([]);
        // Content scripts get their pages from `matches`; no host permission is needed on top (MV3 keeps them apart,
        // MV2 would list them in `permissions`, which the exact check above rules out).
        const contentMatches = new Set((manifest.content_scripts ?? []).flatMap((script) => script.matches));
        for (const host of manifest.host_permissions ?? []) {
          expect(host).not.toBe('<all_urls>');
          expect(contentMatches, `host permission ${host}`).toContain(host);
        }
        expect(manifest.optional_host_permissions ?? []).toEqual([]);
      });

      it('exposes only the card and extraction chunks to pages, only where the content script runs (Chrome: dynamic URL only)', () => {
        const accessible = (manifest.web_accessible_resources ?? []) as (
          string | { resources?: string[]; matches?: string[]; use_dynamic_url?: boolean }
        )[];
        const contentMatches = [
          ...new Set((manifest.content_scripts ?? []).flatMap((script) => script.matches ?? [])),
        ].sort();
        if (manifest.manifest_version === 2) {
          expect(accessible).toEqual([`${CARD_CHUNK}.js`, `${EXTRACT_CHUNK}.js`]);
        } else {
          expect(accessible).toHaveLength(1);
          const [entry] = accessible;
          expect(typeof entry === 'object' && entry).toMatchObject({
            resources: [`${CARD_CHUNK}.js`, `${EXTRACT_CHUNK}.js`],
          });
          if (typeof entry !== 'object') return;
          expect([...(entry.matches ?? [])].sort()).toEqual(contentMatches);
          expect(entry.use_dynamic_url).toBe(true);
        }
        // The chunks are ES modules that export their API (imported, never injected as classic scripts).
        for (const chunk of [CARD_CHUNK, EXTRACT_CHUNK]) {
          expect(text(`${chunk}.js`)).toMatch(/\bexport\s*\{[^}]*\bas default\b[^}]*\}/);
        }
      });

      it('has a content-security policy that allows no remote script', () => {
        const policy = manifest.content_security_policy;
        // Absent: the browser default (MV3 `script-src 'self'`; MV2 `script-src 'self'; object-src 'self'`).
        const policies = policy === undefined ? [] : typeof policy === 'string' ? [policy] : Object.values(policy);
        if (manifest.manifest_version === 3) expect(typeof policy === 'string').toBe(false);
        for (const value of policies) expect(unsafeScriptSources(value), value).toEqual([]);
      });

      it('contains every file the manifest refers to', () => {
        const referenced = referencedFiles(manifest);
        expect(referenced).toEqual(
          expect.arrayContaining(['popup.html', 'options.html', 'content-scripts/content.js']),
        );
        expect(referenced.filter((file) => !files.has(file))).toEqual([]);
      });

      it('loads only its own scripts in its HTML pages, each present in the zip', () => {
        const pages = [...files.keys()].filter((name) => name.endsWith('.html'));
        expect(pages.length).toBeGreaterThan(0);
        for (const page of pages) {
          const html = text(page);
          for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
            const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
            // No inline script (the CSP would block it anyway), no remote or protocol-relative source.
            expect(src, `${page}: ${tag}`).toBeDefined();
            expect(src, `${page}: ${tag}`).not.toMatch(/^(https?:)?\/\//i);
            expect(files.has(entryName(src ?? '')), `${page}: ${src} in the zip`).toBe(true);
          }
          for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
            expect(tag, page).not.toMatch(/\shref\s*=\s*["']?(https?:)?\/\//i);
          }
        }
      });

      it('runs no dynamic or remote code in its JavaScript', () => {
        const scripts = [...files.keys()].filter((name) => name.endsWith('.js'));
        expect(scripts).toContain('content-scripts/content.js');
        const dynamic = [
          /(?<![\w$])eval\s*\(/,
          /\bnew\s+Function\s*\(/,
          /(?<![\w$.])Function\s*\(\s*["'`]/,
          /(?<![\w$])importScripts\s*\(/,
          /(?<![\w$])import\s*\(\s*["'`](https?:)?\/\//,
        ];
        const found: string[] = [];
        for (const name of scripts) {
          if (DYNAMIC_CODE_ALLOWED.some((allowed) => allowed.file.test(name))) continue;
          const source = text(name);
          for (const pattern of dynamic) {
            const match = pattern.exec(source);
            if (match) found.push(`${name}: …${source.slice(Math.max(0, match.index - 40), match.index + 40)}…`);
          }
        }
        expect(found).toEqual([]);
      });

      if (browser === 'firefox') {
        it('has a fixed Firefox add-on id', () => {
          expect(manifest.browser_specific_settings?.gecko?.id).toBe(GECKO_ID);
          // AMO accepts an email-like id or a GUID in braces.
          expect(GECKO_ID).toMatch(/^([\w.+-]*@[\w.-]+|\{[0-9a-f-]{36}\})$/i);
        });
      }
    });
  }
});
