// A plain static file server for the built demo (target/site/, or --root DIR), like any static
// host: no server-side logic.
//
//   node scripts/serve.mjs [--port 8080] [--root DIR] [--prefix /search/] [--csp] [--wrong-wasm-mime]
//                          [--gzip-encoding]
//
// --prefix serves the folder under a subpath; --csp adds the strict Content-Security-Policy the
// widget must work under; --wrong-wasm-mime serves .wasm as application/octet-stream (as some
// hosts do); --gzip-encoding labels the (gzipped) index shards `Content-Encoding: gzip`, as a
// host that knows the files are gzipped does, so the browser unpacks them itself. The last three
// exist for the browser tests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".ts": "text/plain; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
};

export function serve({ root, port = 8080, host = "127.0.0.1", prefix = "/", csp = false, wrongWasmMime = false, gzipEncoding = false }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) return send(res, 404, "text/plain", "not found");
    path = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      let type = TYPES[extname(file)] || "application/octet-stream";
      if (wrongWasmMime && file.endsWith(".wasm")) type = "application/octet-stream";
      const headers = { "content-type": type, "cache-control": "no-cache" };
      if (csp) headers["content-security-policy"] = CSP;
      if (gzipEncoding && file.includes("/pkg/shards/")) headers["content-encoding"] = "gzip";
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      send(res, 404, "text/plain", "not found");
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const port = Number(opt("--port", 8080));
  const prefix = opt("--prefix", "/");
  const root = opt("--root", new URL("../target/site/", import.meta.url).pathname);
  await serve({ root, port, prefix, csp: args.includes("--csp"), wrongWasmMime: args.includes("--wrong-wasm-mime"), gzipEncoding: args.includes("--gzip-encoding") });
  console.log(`article-search demo: http://127.0.0.1:${port}${prefix}  (Ctrl+C to stop)`);
}
