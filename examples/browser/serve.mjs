// Serves the repository root on 127.0.0.1 for the example page and prints its address:
//   npm run build && node examples/browser/serve.mjs [port]
// then open http://127.0.0.1:<port>/examples/browser/ . Builds the browser bundle first.
// Static files only; nothing leaves the machine. Stop with Ctrl-C.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBrowserBundle, root } from './build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
};

/** A static file server for `dir` on 127.0.0.1 (port 0 = any free port). Resolves to { server, origin }. */
export async function serveStatic(dir = root, port = 0, extra = {}) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    try {
      if (extra[path] !== undefined) {
        const e = extra[path];
        res.writeHead(200, { 'content-type': e.type, 'cache-control': 'no-store' });
        res.end(e.body);
        return;
      }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBrowserBundle();
  const { origin } = await serveStatic(root, Number(process.argv[2] ?? 8080));
  console.log(`open ${origin}/examples/browser/  (Ctrl-C to stop)`);
}
