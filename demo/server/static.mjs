// @ts-check
// Static files for the local Pusher-protocol server: the configured roots plus pusher-js under /vendor/.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, resolve, sep } from 'node:path';

/** @typedef {{ prefix: string, dir: string }} StaticRoot */

const require = createRequire(import.meta.url);

/** Always served, whatever the roots. */
const VENDOR = {
  '/vendor/pusher.min.js': require.resolve('pusher-js/dist/web/pusher.min.js'),
  '/vendor/pusher.js': require.resolve('pusher-js/dist/web/pusher.js'),
};

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {string} file
 * @returns {string}
 */
export function contentType(file) {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Finds the file for a URL path, or null. Rejects `..` segments, backslashes and NUL bytes.
 * @param {StaticRoot[]} roots
 * @param {string} pathname the URL path, still percent-encoded
 * @returns {Promise<string | null | 'forbidden'>}
 */
export async function resolveStatic(roots, pathname) {
  if (Object.hasOwn(VENDOR, pathname)) return VENDOR[/** @type {keyof typeof VENDOR} */ (pathname)];
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'forbidden';
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return 'forbidden';
  const ordered = [...roots].sort((a, b) => b.prefix.length - a.prefix.length);
  for (const { prefix, dir } of ordered) {
    const normalizedPrefix = prefix.endsWith('/') ? prefix : `${prefix}/`;
    if (!decoded.startsWith(normalizedPrefix) && decoded !== prefix) continue;
    const base = resolve(dir);
    let file = resolve(join(base, decoded.slice(normalizedPrefix.length)));
    if (file !== base && !file.startsWith(base + sep)) return 'forbidden';
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      if (!(await stat(file).catch(() => null))?.isFile()) continue;
    } else if (!info?.isFile()) {
      continue;
    }
    return file;
  }
  return null;
}

/**
 * Serves a GET/HEAD request from the roots. Returns false when nothing matched (the caller answers 404).
 * @param {StaticRoot[]} roots
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} pathname
 * @returns {Promise<boolean>}
 */
export async function serveStatic(roots, req, res, pathname) {
  const file = await resolveStatic(roots, pathname);
  if (file === null) return false;
  if (file === 'forbidden') {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden');
    return true;
  }
  const info = await stat(file);
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    'Access-Control-Allow-Origin': '*',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
