// A plain static file server for the built demo (target/site/, or --root DIR), like any static
// host: no server-side logic.
//
//   node scripts/serve.mjs [--port 8080] [--root DIR] [--prefix /search/] [--csp] [--wrong-wasm-mime]
//                          [--gzip-encoding] [--brotli]
//
// --prefix serves the folder under a subpath; --csp adds the strict Content-Security-Policy the
// widget must work under; --wrong-wasm-mime serves .wasm as application/octet-stream (as some
// hosts do); --gzip-encoding labels the (gzipped) index shards `Content-Encoding: gzip`, as a
// host that knows the files are gzipped does, so the browser unpacks them itself; --brotli
// compresses responses as most static hosts and CDNs do. The last four exist for the tests and
// the benchmarks, as does `throttle` ({ rttMs, bitsPerSecond }: a slow network on the server's
// side, which slows a page's workers too, unlike the browser's own emulation).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json", ".ts": "text/plain; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
};

export function serve({ root, port = 8080, host = "127.0.0.1", prefix = "/", csp = false, wrongWasmMime = false, gzipEncoding = false, brotli = false, throttle = null }) {
  const compressed = new Map();
  // A slow network on the server's side (so that a page's workers are slowed down too): each
  // response starts a round trip after its request, and all share one link of the given speed.
  let linkFree = 0;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  async function respond(res, status, headers, body) {
    if (!throttle) {
      res.writeHead(status, headers);
      res.end(body);
      return;
    }
    await sleep(throttle.rttMs);
    res.writeHead(status, headers);
    for (let at = 0; at < body.length; at += 8192) {
      const chunk = body.subarray(at, at + 8192);
      const now = Date.now();
      linkFree = Math.max(linkFree, now) + (chunk.length * 8 * 1000) / throttle.bitsPerSecond;
      await sleep(linkFree - now);
      res.write(chunk);
    }
    res.end();
  }
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
      // As a host that compresses text and wasm does (files already gzipped are sent as they are).
      if (brotli && /br/.test(req.headers["accept-encoding"] || "") && !(body[0] === 0x1f && body[1] === 0x8b)) {
        if (!compressed.has(file)) compressed.set(file, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        headers["content-encoding"] = "br";
        return respond(res, 200, headers, compressed.get(file));
      }
      return respond(res, 200, headers, body);
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
  await serve({ root, port, prefix, csp: args.includes("--csp"), wrongWasmMime: args.includes("--wrong-wasm-mime"), gzipEncoding: args.includes("--gzip-encoding"), brotli: args.includes("--brotli") });
  console.log(`article-search demo: http://127.0.0.1:${port}${prefix}  (Ctrl+C to stop)`);
}
