//! `dist/sw.js`: a service worker that keeps the served `dist/` working offline after a first
//! visit, and `dist/sw-register.js`, which `dist/index.html` loads to register it.
//!
//! The worker precaches the build's files on install, answers from that cache first, and on
//! activate deletes the caches of other builds. Its `VERSION` is a hash of every file of the
//! build, so each rebuild is a new worker with a new cache: a page never gets the wasm of one
//! build with the JS of another, and the HTTP cache is bypassed while precaching
//! (`cache: 'reload'`), so a stale file cannot slip into a new cache. A new worker takes over
//! at once; the registration script then reloads pages the old one controlled, so that they
//! run the new build.
//!
//! Lazy hosted mode (`dist-lazy/`, [`write_lazy`]): the same worker, but the files named by
//! their content that a page fetches when a call reads them (dictionary shards, postings
//! packs, sections and row chunks in `index/`, text chunks in `text/`) are not precached:
//! each one the page fetches is kept in the build's cache, so that queries and articles read
//! before work offline, and the page fetches no more than its calls read. The page, `index/ROOT`
//! and the root are precached. What ready read on a first visit was fetched before the worker
//! ran the page (its Web Worker started before the service worker existed): `sw-register.js`
//! asks for those files again through the worker when it takes over (`indexFilesLoaded()`),
//! and once a second for ten seconds more for those whose fetch was still running then, so an
//! offline reload finds them, the sections ready needs among them.
//!
//! `www/` knows nothing of this: `dist` adds one `<script>` to `dist/index.html` only, never to
//! `explorer.html` (file:// has no service workers) or to pages that embed the element.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::sizes;
use crate::util::{Context, Result};

pub const WORKER: &str = "sw.js";
pub const REGISTER: &str = "sw-register.js";

/// Files the worker does not precache: itself, the single file (a download, complete on its
/// own and as big as everything else together), and TypeScript declarations.
pub fn precached(path: &str) -> bool {
    path != WORKER && path != crate::single_file::FILE && !path.ends_with(".d.ts")
}

/// Lazy hosted mode's files fetched when a call reads them (shards, packs, row chunks,
/// sections, texts), kept as they are fetched, not precached: a first visit does not fetch
/// every section (about 900 KiB gzip at 10k articles) in the background.
pub const LAZY_KEPT: [&str; 5] = ["index/d-", "index/p-", "index/a-", "index/s-", "text/"];

/// Adds the registration to `dist/index.html`, then writes `dist/sw.js` for every file of
/// `dist/` as it is now.
pub fn write(dist: &Path) -> Result<()> {
    write_keeping(dist, &[])
}

/// [`write`] for lazy hosted mode: the files under [`LAZY_KEPT`] are kept when fetched.
pub fn write_lazy(dist: &Path) -> Result<()> {
    write_keeping(dist, &LAZY_KEPT)
}

fn write_keeping(dist: &Path, kept: &[&str]) -> Result<()> {
    let register = dist.join(REGISTER);
    std::fs::write(&register, register_js(kept))
        .context(|| format!("writing {}", register.display()))?;
    let index_path = dist.join("index.html");
    if index_path.is_file() {
        let index = std::fs::read_to_string(&index_path)
            .context(|| format!("reading {}", index_path.display()))?;
        std::fs::write(&index_path, with_registration(&index))
            .context(|| format!("writing {}", index_path.display()))?;
    }
    let mut files = Vec::new();
    sizes::list_files(dist, &mut files)?;
    let mut entries = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(dist).unwrap_or(file);
        let path = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if path == WORKER {
            continue;
        }
        let bytes = std::fs::read(file).context(|| format!("reading {}", file.display()))?;
        entries.push((path, bytes));
    }
    entries.sort();
    let version = version(&entries);
    let precache = entries
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|p| !kept.iter().any(|k| p.starts_with(k)));
    let urls = urls(precache);
    let worker = dist.join(WORKER);
    let js = if kept.is_empty() {
        worker_js(&version, &urls)
    } else {
        worker_js_keeping(&version, &urls, kept)
    };
    std::fs::write(&worker, js).context(|| format!("writing {}", worker.display()))?;
    println!(
        "{}/{WORKER}: version {version}, precaches {} URLs{}",
        dist.file_name().unwrap_or_default().to_string_lossy(),
        urls.len(),
        if kept.is_empty() {
            String::new()
        } else {
            format!(", keeps what is fetched under {}", kept.join(", "))
        }
    );
    Ok(())
}

/// A hash of every file's path and bytes (16 hex digits): any change gives a new version.
pub fn version(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (path, bytes) in files {
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The URLs to precache, relative to the worker: `./` for the folder's index, then each file.
pub fn urls<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut urls: Vec<String> = paths
        .filter(|p| precached(p))
        .map(|p| format!("./{}", percent_encode_path(p)))
        .collect();
    if urls.iter().any(|u| u == "./index.html") {
        urls.insert(0, "./".into());
    }
    urls
}

fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `index` with `<script type="module" src="./sw-register.js">` before `</head>` (or at the end).
pub fn with_registration(index: &str) -> String {
    let tag = format!("<script type=\"module\" src=\"./{REGISTER}\"></script>\n");
    let lower = index.to_ascii_lowercase();
    match lower.find("</head") {
        Some(at) => format!("{}{tag}{}", &index[..at], &index[at..]),
        None => format!("{index}\n{tag}"),
    }
}

pub fn worker_js(version: &str, urls: &[String]) -> String {
    let list: Vec<String> = urls
        .iter()
        .map(|u| serde_json::Value::String(u.clone()).to_string())
        .collect();
    WORKER_JS
        .replace("__VERSION__", version)
        .replace("__FILES__", &list.join(",\n  "))
}

/// [`worker_js`], and the files under `kept` (paths relative to the worker) are put into the
/// build's cache when fetched.
pub fn worker_js_keeping(version: &str, urls: &[String], kept: &[&str]) -> String {
    worker_js(version, urls)
        .replacen(
            "\nself.addEventListener('install'",
            &KEEP_JS.replace("__KEPT__", &kept_list(kept)),
            1,
        )
        .replacen(FETCH_PLAIN, FETCH_KEEPING, 1)
}

/// `kept` as a JS list of paths relative to the folder (`"./index/d-", ...`).
fn kept_list(kept: &[&str]) -> String {
    let list: Vec<String> = kept
        .iter()
        .map(|k| serde_json::Value::String(format!("./{k}")).to_string())
        .collect();
    list.join(", ")
}

/// `sw-register.js`: with `kept` folders (lazy hosted mode), the index files the explorer
/// fetched before the worker ran the page (a first visit registers the worker after the
/// page's own downloads) are asked again once the worker takes over, so it keeps them too:
/// an offline reload then finds what the first visit read to be ready.
fn register_js(kept: &[&str]) -> String {
    REGISTER_JS.replace("__KEPT__", &kept_list(kept))
}

const FETCH_PLAIN: &str = ".then((cached) => cached || fetch(request)),";
const FETCH_KEEPING: &str =
    ".then((cached) => cached || fetch(request).then((response) => keep(request, response))),";

const KEEP_JS: &str = r#"
// Lazy hosted mode: files named by their content (the same name is the same bytes in every
// build) that a page fetches per query are kept when fetched, so what was read works offline.
const KEPT = [__KEPT__].map((p) => new URL(p, self.location).pathname);
function keep(request, response) {
  const path = new URL(request.url).pathname;
  if (!response.ok || !KEPT.some((p) => path.startsWith(p))) return response;
  const copy = response.clone();
  return caches
    .open(CACHE)
    .then((cache) => cache.put(request, copy))
    .then(() => response, () => response);
}

self.addEventListener('install'"#;

const WORKER_JS: &str = r#"// Generated by `cargo xtask dist` for one build of dist/: do not edit.
// Keeps the explorer working offline after a first visit: precaches the build's files on
// install, answers from that cache first, deletes other builds' caches on activate. VERSION is
// a hash of the build's files, so a rebuild is a new worker with a new cache.
const VERSION = '__VERSION__';
const PREFIX = 'article-explorer-';
const CACHE = PREFIX + VERSION;
const FILES = [
  __FILES__
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // cache: 'reload' skips the HTTP cache: no file of an older build slips in.
      .then((cache) => cache.addAll(FILES.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches
      .open(CACHE)
      // A page's query string (and its #fragment, never sent) does not make it another page.
      .then((cache) => cache.match(request, { ignoreSearch: request.mode === 'navigate' }))
      .then((cached) => cached || fetch(request)),
  );
});
"#;

const REGISTER_JS: &str = r#"// Generated by `cargo xtask dist`: registers sw.js, which keeps this folder working offline.
// Only over http(s): file:// has no service workers (explorer.html is the file for that).
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  const sw = navigator.serviceWorker;
  // A page already run by a worker that a new build's worker takes over reloads, so that the
  // page, its scripts and its wasm all come from the same build.
  const controlled = sw.controller !== null;
  // Lazy hosted mode: the folders whose files the worker keeps when they are fetched.
  const kept = [__KEPT__].map((p) => new URL(p, import.meta.url).pathname);
  sw.addEventListener('controllerchange', () => {
    if (controlled) return location.reload();
    // The worker's first take-over (lazy hosted mode): the index files the explorer fetched
    // before (its Web Worker was started before this worker existed, so nothing it fetched
    // passed here) are asked again through it, so that it keeps them for an offline reload.
    // A file whose fetch began before the take-over and ended after it is asked again on
    // one of the next passes (once a second, ten times): then every file ready read is kept.
    if (kept.length === 0) return;
    const element = document.querySelector('article-explorer');
    const asked = new Set();
    const pass = (left) =>
      Promise.resolve(element?.asyncExplorer)
        .then((ex) => ex?.indexFilesLoaded?.() ?? [])
        .then((names) => {
          // Each read to its end: a response left unread is a request still open (cut by a reload).
          for (const name of names.filter((n) => !asked.has(n))) {
            asked.add(name);
            // (marked, so that a test counting what the explorer fetched can tell these apart)
            fetch(new URL(`./index/${name}`, import.meta.url), { headers: { 'x-explorer-keep': '1' } }).then((r) => r.arrayBuffer()).catch(() => asked.delete(name));
          }
          if (left > 0) setTimeout(() => pass(left - 1), 1000);
        })
        .catch(() => {});
    pass(10);
  });
  const register = () =>
    sw.register(new URL('./sw.js', import.meta.url)).catch((e) => console.warn('Offline mode unavailable:', e));
  // After the page's own downloads, which the worker's precaching would slow down.
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn the_version_changes_with_any_byte_or_name() {
        let base = files(&[("index.html", "<p>"), ("pkg/a_bg.wasm", "\0asm1")]);
        let v = version(&base);
        assert_eq!(v.len(), 16);
        let wasm_changed = files(&[("index.html", "<p>"), ("pkg/a_bg.wasm", "\0asm2")]);
        assert_ne!(v, version(&wasm_changed));
        let renamed = files(&[("index.html", "<p>"), ("pkg/b_bg.wasm", "\0asm1")]);
        assert_ne!(v, version(&renamed));
        // Bytes moving from one file to the next is a change too.
        let moved = files(&[("index.html", "<p>\0asm1"), ("pkg/a_bg.wasm", "")]);
        assert_ne!(v, version(&moved));
    }

    #[test]
    fn urls_cover_the_folder_and_every_file_but_the_worker_the_single_file_and_types() {
        let paths = [
            "app.js",
            "explorer.html",
            "index.html",
            "pkg/article_explorer.d.ts",
            "pkg/article_explorer_bg.wasm",
            "sw.js",
            "ui/a b.js",
        ];
        assert_eq!(
            urls(paths.into_iter()),
            [
                "./",
                "./app.js",
                "./index.html",
                "./pkg/article_explorer_bg.wasm",
                "./ui/a%20b.js"
            ]
        );
    }

    #[test]
    fn the_worker_names_its_version_and_files() {
        let js = worker_js("0123456789abcdef", &["./".into(), "./index.html".into()]);
        assert!(js.contains("const VERSION = '0123456789abcdef';"), "{js}");
        assert!(js.contains("  \"./\",\n  \"./index.html\"\n];"), "{js}");
        assert!(!js.contains("__"), "{js}");
    }

    #[test]
    fn the_lazy_worker_keeps_what_is_fetched_under_its_folders_and_is_otherwise_the_same() {
        let urls = ["./".to_string(), "./index/ROOT".to_string()];
        let plain = worker_js("0123456789abcdef", &urls);
        let js = worker_js_keeping("0123456789abcdef", &urls, &LAZY_KEPT);
        assert!(
            plain.contains(FETCH_PLAIN) && !plain.contains("keep("),
            "{plain}"
        );
        assert!(
            js.contains(FETCH_KEEPING) && !js.contains(FETCH_PLAIN),
            "{js}"
        );
        assert!(
            js.contains(
                r#"const KEPT = ["./index/d-", "./index/p-", "./index/a-", "./index/s-", "./text/"]"#
            ),
            "{js}"
        );
        assert_eq!(js.matches("self.addEventListener('install'").count(), 1);
        assert!(!js.contains("__"), "{js}");
    }

    #[test]
    fn the_lazy_worker_precaches_the_page_and_the_root_but_no_other_index_file() {
        let dist = std::env::temp_dir().join(format!("devkit-sw-lazy-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        for (path, bytes) in [
            ("index.html", "<head></head>"),
            ("explorer.js", "//"),
            ("index/ROOT", "r-1.bin"),
            ("index/r-1.bin", "root"),
            ("index/s-2.bin", "a section"),
            ("index/a-3.bin", "rows"),
            ("index/d-4.bin", "shard"),
            ("index/p-5.bin", "pack"),
            ("text/0.gz", "text"),
        ] {
            let file = dist.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        write_lazy(&dist).unwrap();
        let js = std::fs::read_to_string(dist.join(WORKER)).unwrap();
        std::fs::remove_dir_all(&dist).unwrap();
        let files = &js[js.find("const FILES = [").unwrap()..js.find("];").unwrap()];
        for precached in [
            "\"./\"",
            "./index.html",
            "./explorer.js",
            "./index/ROOT",
            "./index/r-1.bin",
        ] {
            assert!(files.contains(precached), "{precached} in {files}");
        }
        for kept in ["s-2", "a-3", "d-4", "p-5", "text/"] {
            assert!(!files.contains(kept), "{kept} is not precached: {files}");
        }
    }

    #[test]
    fn the_lazy_registration_asks_again_for_what_the_page_fetched_before_the_worker_ran_it() {
        let plain = register_js(&[]);
        assert!(plain.contains("const kept = [].map("), "{plain}");
        let lazy = register_js(&LAZY_KEPT);
        assert!(
            lazy.contains(r#"const kept = ["./index/d-", "./index/p-""#),
            "{lazy}"
        );
        assert!(lazy.contains("indexFilesLoaded"), "{lazy}");
        assert!(!lazy.contains("__"), "{lazy}");
    }

    #[test]
    fn the_registration_goes_before_the_end_of_head() {
        let page = "<html><head><title>x</title></HEAD><body></body></html>";
        assert_eq!(
            with_registration(page),
            "<html><head><title>x</title><script type=\"module\" src=\"./sw-register.js\"></script>\n</HEAD><body></body></html>"
        );
        assert!(with_registration("<p>").ends_with("sw-register.js\"></script>\n"));
    }
}
