// Shared by the browser tests: a static server over the built demo (target/site/, which
// scripts/build.sh writes) and Debian's Chromium driven
// by playwright-core (never a downloaded browser).
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const WWW = new URL("../../target/site/", import.meta.url).pathname;

/** The files a build wrote into `dir`, from its manifest; `find(re)` names the first that matches. */
export function built(dir = WWW) {
  const files = JSON.parse(readFileSync(`${dir}/.article-search.json`, "utf8")).files;
  return { files, find: (re) => files.find((f) => re.test(f)) };
}
export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

export async function startServer(options = {}) {
  const server = await serve({ root: WWW, port: 0, ...options });
  const { port } = server.address();
  return { server, url: `http://127.0.0.1:${port}${options.prefix || "/"}` };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/** A page that records console errors, page errors and failed requests. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  return { page, context, problems };
}

/** Types a query into the widget and waits until results for exactly that query are shown. */
export async function type(page, text, selector = "article-search") {
  const input = page.locator(`${selector} >> input[role=combobox]`);
  await input.fill("");
  await input.pressSequentially(text, { delay: 5 });
  await page.waitForFunction(([sel, q]) => {
    const el = document.querySelector(sel);
    return el && el.query === q && el.shadowRoot.querySelector(".status").textContent !== "";
  }, [selector, text]);
}

/** Titles and marked texts of the results shown. */
export async function shown(page, selector = "article-search") {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return {
      status: root.querySelector(".status").textContent,
      hits: [...root.querySelectorAll('[role="option"].hit')].map((o) => ({
        title: o.querySelector(".title").textContent,
        marks: [...o.querySelectorAll("mark")].map((m) => m.textContent),
        selected: o.getAttribute("aria-selected") === "true",
      })),
    };
  }, selector);
}
