//! The command line: build a site's search folder, or search (the same engine as the wasm
//! module; the embedded seed index, or a built folder's with `--in`).
//!
//!     article-search build --site DIR --out DIR [--url PATTERN] [--drafts] [--now DATE]
//!                          [--layout auto|single|sharded] [--shard-size BYTES]
//!     article-search [--json] [--limit N] [--in DIR] QUERY...
//!     article-search [--json] [--in DIR] --article ID [QUERY...]
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use article_search::{with_engine, Engine, Options, Results};
use engine::search::Needed;

const USAGE: &str = "usage: article-search build --site DIR --out DIR [--url PATTERN] [--drafts] [--now DATE]
                            [--layout auto|single|sharded] [--shard-size BYTES]
       article-search [--json] [--limit N] [--in DIR] [--filter FIELD=VALUE]... [--from DATE]
                      [--to DATE] [--sort relevance|newest|oldest] [--facets] QUERY...
       article-search [--json] [--in DIR] --article ID [QUERY...]

build     index the articles under --site (Markdown/MDX, text, JSON; Hugo, Jekyll and plain
          trees) and write the search files into --out: article-search.js, article-search.d.ts,
          pkg/. Only files it wrote before are ever replaced or removed (see --out/.article-search.json).
          --url      URL pattern for articles without a url: /blog/{section}/{slug}/
                     ({slug} {section} {year} {month} {day} {file} {id} {lang})
          --drafts   index drafts too
          --now      the clock that decides which articles are in the future (2025-01-01)
          --layout   one index file, or shards fetched as queries need them (auto: shards
                     when the index in one piece would exceed 512 KiB)
          --shard-size  target bytes of a postings shard (default 32768; records get half)
--in DIR  search the folder a build wrote (default: the seed articles built into this binary)";

pub fn main() -> ExitCode {
    match args(std::env::args_os().skip(1)).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("article-search: {message}");
            ExitCode::from(2)
        }
    }
}

/// The arguments as strings; one that is not valid UTF-8 is an error (exit 2), never a panic.
fn args(raw: impl Iterator<Item = std::ffi::OsString>) -> Result<Vec<String>, String> {
    raw.enumerate()
        .map(|(i, a)| {
            a.into_string().map_err(|a| {
                format!(
                    "argument {} is not valid UTF-8: {}",
                    i + 1,
                    a.to_string_lossy()
                )
            })
        })
        .collect()
}

fn run(args: Vec<String>) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("build") {
        return build(args.into_iter().skip(1).collect());
    }
    let mut json = false;
    let mut options = Options::default();
    let mut article: Option<String> = None;
    let mut words = Vec::new();
    let mut shards: Option<PathBuf> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--limit" => {
                let n = args.next().ok_or("--limit needs a number")?;
                options.limit = n
                    .parse()
                    .map_err(|_| format!("--limit: `{n}` is not a number"))?;
            }
            "--article" => article = Some(args.next().ok_or("--article needs an id")?),
            "--filter" => {
                let f = args.next().ok_or("--filter needs FIELD=VALUE")?;
                let (field, value) = f
                    .split_once('=')
                    .ok_or(format!("--filter: `{f}` is not FIELD=VALUE"))?;
                match options.filters.iter_mut().find(|x| x.field == field) {
                    Some(x) => x.values.push(value.to_string()),
                    None => options.filters.push(engine::Filter {
                        field: field.to_string(),
                        values: vec![value.to_string()],
                    }),
                }
            }
            "--sort" => {
                options.sort = match args.next().as_deref() {
                    Some("relevance") => engine::Sort::Relevance,
                    Some("newest") => engine::Sort::Newest,
                    Some("oldest") => engine::Sort::Oldest,
                    _ => return Err("--sort needs relevance, newest or oldest".into()),
                }
            }
            "--from" | "--to" => {
                let d = args.next().ok_or(format!("{arg} needs a date"))?;
                let w = engine::date::When::parse(&d)
                    .ok_or(format!("{arg}: `{d}` is not a date like 2025-09-19"))?;
                if arg == "--from" {
                    options.from = Some(w.seconds);
                } else {
                    options.to = Some(w.range_end());
                }
            }
            "--facets" => options.facets = true,
            "--in" => {
                let dir = PathBuf::from(args.next().ok_or("--in needs a folder")?);
                let path = module_of(&dir)?;
                let module =
                    std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let index = article_search::module::index_of(&module)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let index: &'static [u8] = Box::leak(index.to_vec().into_boxed_slice());
                article_search::open(index).map_err(|e| format!("{}: {e}", path.display()))?;
                shards = Some(dir.join(article_search::site::SHARDS_DIR));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--" => words.extend(args.by_ref()),
            _ => words.push(arg),
        }
    }
    let query = words.join(" ");
    let mut out = std::io::stdout().lock();
    if let Some(id) = article {
        let found = answer(shards.as_deref(), |e| e.try_article(&id, &query))?;
        let a = found.ok_or_else(|| format!("no article with id `{id}`"))?;
        if json {
            serde_json::to_writer(&mut out, &a).map_err(|e| e.to_string())?;
            writeln!(out).map_err(|e| e.to_string())?;
        } else {
            writeln!(
                out,
                "{}\n{} {}\n\n{}",
                a.title,
                a.date,
                a.source,
                mark(&a.body, &a.highlights)
            )
            .map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    if words.is_empty() && !options.narrows() {
        return Err(USAGE.to_string());
    }
    let results = answer(shards.as_deref(), |e| e.try_search(&query, options.clone()))?;
    if json {
        serde_json::to_writer(&mut out, &results).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())?;
    } else {
        print_list(&mut out, &results).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The module file of a built folder, as its manifest names it (`pkg/article_search_bg.*.wasm`).
fn module_of(dir: &Path) -> Result<PathBuf, String> {
    let path = dir.join(article_search::site::MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (not a folder `article-search build` wrote?)",
            path.display()
        )
    })?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let files = manifest["files"].as_array().into_iter().flatten();
    files
        .filter_map(|f| f.as_str())
        .find(|f| f.starts_with("pkg/article_search_bg.") && f.ends_with(".wasm"))
        .map(|f| dir.join(f))
        .ok_or_else(|| format!("{}: names no module", path.display()))
}

/// Runs `call` on the open engine until it stops asking for shards, reading them from `shards`
/// (a built folder's `pkg/shards/`), as the browser fetches them.
fn answer<T>(
    shards: Option<&Path>,
    call: impl Fn(&Engine<'static>) -> Result<T, Needed>,
) -> Result<T, String> {
    for _ in 0..4 {
        let needed = match with_engine(&call).map_err(|e| e.to_string())? {
            Ok(t) => return Ok(t),
            Err(needed) => needed,
        };
        let dir = shards.ok_or("the index is sharded but no folder was given (--in DIR)")?;
        for name in needed.shards {
            let path = dir.join(&name);
            let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                out
            } else {
                raw
            };
            with_engine(|e| e.add_shard(&name, bytes))
                .and_then(|r| r)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Err("the index keeps asking for shards: a damaged build?".into())
}

fn build(args: Vec<String>) -> Result<(), String> {
    let mut b = article_search::site::Build::default();
    let mut args = args.into_iter();
    let (mut site, mut out) = (None, None);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--site" => site = Some(value("--site")?),
            "--out" => out = Some(value("--out")?),
            "--url" => b.load.url = Some(value("--url")?),
            "--index" => b.index = Some(value("--index")?.into()),
            "--drafts" => b.load.drafts = true,
            "--layout" => {
                b.layout = match value("--layout")?.as_str() {
                    "auto" => article_search::site::Layout::Auto,
                    "single" => article_search::site::Layout::Single,
                    "sharded" => article_search::site::Layout::Sharded,
                    other => {
                        return Err(format!(
                            "--layout: `{other}` is not auto, single or sharded"
                        ))
                    }
                }
            }
            "--shard-size" => {
                let n = value("--shard-size")?;
                let bytes: usize = n
                    .parse()
                    .ok()
                    .filter(|&b| b > 0)
                    .ok_or(format!("--shard-size: `{n}` is not a number of bytes"))?;
                b.shard_sizes = article_search::site::ShardSizes {
                    postings: bytes,
                    docs: bytes.div_ceil(2),
                    ids: bytes,
                };
            }
            "--now" => {
                let now = value("--now")?;
                b.load.now = engine::date::When::parse(&now)
                    .ok_or(format!("--now: `{now}` is not a date like 2025-01-01"))?
                    .seconds;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("build: unknown argument `{other}`\n{USAGE}")),
        }
    }
    b.out = out.ok_or("build needs --out DIR")?.into();
    if b.index.is_none() {
        b.site = site.ok_or("build needs --site DIR")?.into();
    }
    let done = article_search::site::build(&b)?;
    print!("{}", done.report);
    for rel in &done.removed {
        println!("removed {rel} (written by an earlier build)");
    }
    for (rel, size) in &done.written {
        println!("wrote {:<30} {:>9} bytes", rel, size);
    }
    if done.shards.0 > 0 {
        println!(
            "wrote {} shard files into {}, {} bytes (gzip)",
            done.shards.0,
            article_search::site::SHARDS_DIR,
            done.shards.1
        );
    }
    Ok(())
}

/// `text` with each UTF-16 range wrapped in 【】.
fn mark(text: &str, ranges: &[[u32; 2]]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = String::new();
    let mut at = 0usize;
    for r in ranges {
        let (s, e) = (r[0] as usize, r[1] as usize);
        if s < at || e > units.len() {
            continue;
        }
        out += &String::from_utf16_lossy(&units[at..s]);
        out += "【";
        out += &String::from_utf16_lossy(&units[s..e]);
        out += "】";
        at = e;
    }
    out += &String::from_utf16_lossy(&units[at..]);
    out
}

fn print_list(out: &mut impl Write, results: &Results) -> std::io::Result<()> {
    writeln!(
        out,
        "{} result{}",
        results.total,
        if results.total == 1 { "" } else { "s" }
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(
            out,
            "\n{}. {}  (score {:.3})",
            i + 1,
            mark(&hit.title, &hit.title_highlights),
            hit.score
        )?;
        let url = hit.url.as_deref().unwrap_or("(unsafe URL withheld)");
        writeln!(out, "   {}  {}  {}", hit.date, hit.source, url)?;
        writeln!(out, "   {}", mark(&hit.snippet, &hit.highlights))?;
    }
    if results.truncated {
        writeln!(out, "\n(query cut: only its first terms were used)")?;
    }
    Ok(())
}
