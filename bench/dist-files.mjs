// Serving a dist folder to the page benches (lazy-queries.mjs, lazy-bare.mjs) as a CDN would:
// files as they are (no compression), the index and text files, named by their content,
// `immutable` for a year, the rest `no-cache`. Not a bench itself.

import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/** The path a request asks for, normalised and kept inside the folder. @param {any} req */
export const requestPath = (req) => normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');

/**
 * Sends the file of `dir` at `path` (a folder: its index.html), or a 404.
 * @param {string} dir @param {string} path @param {any} res
 * @returns {Promise<{ file: string, body: Buffer } | null>} what was sent
 */
export async function sendDistFile(dir, path, res) {
  let file = join(dir, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    const hashed = /^\/(index\/[a-z]-|text\/)/.test(path);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(body);
    return { file, body };
  } catch {
    res.writeHead(404).end();
    return null;
  }
}
