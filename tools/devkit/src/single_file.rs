//! `dist/explorer.html`: the explorer as ONE file that works when opened by double-click
//! (file://) with the network off.
//!
//! Starting from `dist/index.html`: stylesheets become `<style>`, each module script becomes one
//! inline `<script type="module">` bundled by esbuild (Chromium refuses module scripts from
//! file:// URLs, not inline ones), preloads go, the favicon is `data:,`. The wasm is inlined
//! as base64, raw or gzip-compressed, whichever makes the file smaller; a classic script
//! before the modules sets `globalThis.__ARTICLE_EXPLORER_WASM__` to a Promise of the bytes
//! (gzip is unpacked by the browser's `DecompressionStream`), and `createExplorer()` takes the
//! wasm from there. A Content-Security-Policy `<meta>` allows exactly the inline scripts (by
//! hash), wasm compilation and inline styles, and no request at all.

use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::bundle::{self, Bundle, ELEMENT_ENTRY, WASM_GLOBAL};
use crate::html::{self, Tag};
use crate::sizes::format_size;
use crate::util::{bail, Context, Ctx, Error, Result};

pub const FILE: &str = "explorer.html";

/// How the wasm bytes are inlined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmEncoding {
    Base64,
    GzipBase64,
}

impl WasmEncoding {
    pub fn describe(self) -> &'static str {
        match self {
            WasmEncoding::Base64 => "base64",
            WasmEncoding::GzipBase64 => "gzip + base64, unpacked with DecompressionStream",
        }
    }
}

/// What the page's files are, for inlining: the real one reads `dist/` and runs esbuild.
pub trait Resources {
    /// The CSS of `<link rel="stylesheet" href>`.
    fn stylesheet(&mut self, href: &str) -> Result<String>;
    /// `<script type="module" src>` and everything it imports, as one module.
    fn module_script(&mut self, src: &str) -> Result<String>;
    /// A classic `<script src>`.
    fn classic_script(&mut self, src: &str) -> Result<String>;
}

/// The page with everything but the wasm inlined, and what may still make a request.
#[derive(Debug)]
pub struct Inlined {
    pub html: String,
    pub warnings: Vec<String>,
}

/// Inlines stylesheets and scripts of `index` and drops preloads; the wasm comes later
/// ([`finish`]).
pub fn inline(index: &str, resources: &mut impl Resources) -> Result<Inlined> {
    let tags = html::start_tags(index);
    let mut edits = Vec::new();
    let mut has_icon = false;
    for tag in &tags {
        match tag.name.as_str() {
            "link" if tag.attr_has_token("rel", "stylesheet") => {
                let href = local_url(tag, "href")?;
                let css = resources.stylesheet(href)?;
                if css.to_ascii_lowercase().contains("</style") {
                    bail!("{href} contains `</style`: it cannot be inlined");
                }
                let media = tag
                    .attr("media")
                    .map(|m| format!(" media=\"{}\"", html::escape_attr(m)))
                    .unwrap_or_default();
                edits.push((tag.element(), format!("<style{media}>{css}</style>")));
            }
            "link"
                if ["modulepreload", "preload", "prefetch", "manifest"]
                    .iter()
                    .any(|rel| tag.attr_has_token("rel", rel)) =>
            {
                edits.push((tag.element(), String::new()));
            }
            "link" if tag.attr_has_token("rel", "icon") => {
                has_icon = true;
                if !tag.attr("href").is_some_and(|h| h.starts_with("data:")) {
                    edits.push((tag.element(), r#"<link rel="icon" href="data:,">"#.into()));
                }
            }
            "script" if tag.has_attr("src") => {
                let src = local_url(tag, "src")?;
                let is_module = tag
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("module"));
                let code = if is_module {
                    resources.module_script(src)?
                } else {
                    resources.classic_script(src)?
                };
                let kind = if is_module { " type=\"module\"" } else { "" };
                let code = html::escape_script(&code);
                edits.push((tag.element(), format!("<script{kind}>{code}</script>")));
            }
            _ => {}
        }
    }
    if !has_icon {
        let at = head_insertion_point(index, &tags);
        edits.push((at..at, "\n<link rel=\"icon\" href=\"data:,\">".into()));
    }
    let html = html::apply_edits(index, edits);
    let warnings = remaining_requests(&html);
    Ok(Inlined { html, warnings })
}

/// Adds the wasm loader and the Content-Security-Policy to an [`inline`]d page.
pub fn finish(page: &str, loader: &str) -> String {
    let tags = html::start_tags(page);
    let at = head_insertion_point(page, &tags);
    let mut hashes: Vec<String> = tags
        .iter()
        .filter(|t| t.name == "script" && !t.has_attr("src"))
        .filter_map(|t| t.text.as_ref())
        .map(|text| csp_hash(&page[text.content.clone()]))
        .collect();
    let loader = html::escape_script(loader);
    hashes.insert(0, csp_hash(&loader));
    hashes.dedup();
    let policy = content_security_policy(&hashes);
    let head = format!(
        "\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n  <script>{loader}</script>",
        html::escape_attr(&policy)
    );
    html::apply_edits(page, vec![(at..at, head)])
}

/// The single file's policy: no requests (`default-src 'none'`), only its own inline scripts,
/// wasm compilation, inline styles, `data:`/`blob:` images and fonts, Blob URL workers.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let scripts: Vec<String> = script_hashes.iter().map(|h| format!("'{h}'")).collect();
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src 'unsafe-inline'; \
         img-src data: blob:; font-src data:; connect-src data: blob:; worker-src blob:; \
         base-uri 'none'",
        scripts.join(" ")
    )
}

/// `sha256-<base64>` of a script's text, as CSP hashes it (the UTF-8 bytes).
pub fn csp_hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// The classic script that sets `globalThis.__ARTICLE_EXPLORER_WASM__` to a Promise of the
/// wasm bytes (a Uint8Array or an ArrayBuffer).
pub fn wasm_loader(wasm: &[u8], encoding: WasmEncoding) -> String {
    match encoding {
        WasmEncoding::Base64 => loader(wasm, encoding),
        WasmEncoding::GzipBase64 => loader(&gzip(wasm), encoding),
    }
}

/// [`wasm_loader`] for bytes already encoded as `encoding` says (gzip-compressed or not).
fn loader(payload: &[u8], encoding: WasmEncoding) -> String {
    let decode = "const s=atob(b),u=new Uint8Array(s.length);\
                  for(let i=0;i<s.length;i++)u[i]=s.charCodeAt(i);";
    match encoding {
        WasmEncoding::Base64 => format!(
            "globalThis.{WASM_GLOBAL}=(async b=>{{{decode}return u}})(\"{}\");",
            base64(payload)
        ),
        WasmEncoding::GzipBase64 => format!(
            "globalThis.{WASM_GLOBAL}=(async b=>{{{decode}\
             return new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream(\"gzip\"))).arrayBuffer()}})(\"{}\");",
            base64(payload)
        ),
    }
}

/// Both encodings of the page, the smaller first.
pub fn smallest(page: &str, wasm: &[u8]) -> Vec<(WasmEncoding, String)> {
    let mut pages: Vec<(WasmEncoding, String)> = [WasmEncoding::Base64, WasmEncoding::GzipBase64]
        .into_iter()
        .map(|encoding| (encoding, finish(page, &wasm_loader(wasm, encoding))))
        .collect();
    pages.sort_by_key(|(_, html)| html.len());
    pages
}

/// Writes `dist/explorer.html` from `dist/index.html` and the wasm in `dist/pkg/`.
/// The `worker` bundle is inlined as source for a Blob URL worker (file:// fetches nothing).
/// `wasm_gzip`: the wasm's gzip at [`LEVEL`] when the caller made it already (`dist` deflates
/// the index while wasm-opt runs). Returns the size of the wasm after gzip (the size table's).
pub fn write(
    ctx: &Ctx,
    dist: &Path,
    element: Option<Bundle>,
    worker: Option<Bundle>,
    minify: bool,
    wasm_gzip: Option<Vec<u8>>,
) -> Result<u64> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .context(|| format!("reading {}", index_path.display()))?;
    let wasm_path = dist
        .join("pkg")
        .join(format!("{}_bg.wasm", crate::OUT_NAME));
    let wasm = std::fs::read(&wasm_path).context(|| format!("reading {}", wasm_path.display()))?;
    let mut resources = DistResources {
        ctx,
        dist,
        element,
        minify,
    };
    let inlined = inline(&index, &mut resources)?;
    for warning in &inlined.warnings {
        println!("warning: {FILE}: {warning}");
    }
    // gzip + base64 unless gzip saves nothing (the page differs only in the loader, so the
    // two pages need not both be built).
    let gz = wasm_gzip.unwrap_or_else(|| gzip(&wasm));
    let wasm_gzip = gz.len() as u64;
    let (encoding, payload) = if gz.len() + 200 < wasm.len() {
        (WasmEncoding::GzipBase64, gz)
    } else {
        (WasmEncoding::Base64, wasm)
    };
    let named = bundle::worker_global(worker.as_ref());
    let html = finish(&inlined.html, &(named + &loader(&payload, encoding)));
    println!(
        "{FILE}: wasm as {} ({} of wasm in the page, before base64)",
        encoding.describe(),
        format_size(payload.len() as u64)
    );
    let target = dist.join(FILE);
    std::fs::write(&target, html).context(|| format!("writing {}", target.display()))?;
    Ok(wasm_gzip)
}

struct DistResources<'a> {
    ctx: &'a Ctx,
    dist: &'a Path,
    /// The element bundle already written to dist/article-explorer.js.
    element: Option<Bundle>,
    minify: bool,
}

impl DistResources<'_> {
    fn file(&self, url: &str) -> Result<PathBuf> {
        let relative = relative_path(url)?;
        let path = self.dist.join(&relative);
        if !path.is_file() {
            bail!("{url}: dist/{} does not exist", relative.display());
        }
        Ok(path)
    }
}

impl Resources for DistResources<'_> {
    fn stylesheet(&mut self, href: &str) -> Result<String> {
        let path = self.file(href)?;
        std::fs::read_to_string(&path).context(|| format!("reading {}", path.display()))
    }

    fn module_script(&mut self, src: &str) -> Result<String> {
        let relative = relative_path(src)?;
        if let Some(element) = &self.element {
            if relative == Path::new(ELEMENT_ENTRY) {
                // Bundled and checked already.
                return Ok(element.code.clone());
            }
        }
        self.file(src)?;
        let entry = relative.to_string_lossy();
        let bundled = bundle::bundle(self.ctx, self.dist, &entry, self.minify)?;
        for problem in bundle::problems(&bundled) {
            println!("warning: {FILE}: {src}: {problem}");
        }
        Ok(bundled.code)
    }

    fn classic_script(&mut self, src: &str) -> Result<String> {
        let path = self.file(src)?;
        std::fs::read_to_string(&path).context(|| format!("reading {}", path.display()))
    }
}

/// A relative URL of the page as a path inside `dist/` (query and fragment dropped).
fn relative_path(url: &str) -> Result<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut out = PathBuf::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => bail!("{url}: only paths inside dist/ can be inlined"),
        }
    }
    if out.as_os_str().is_empty() {
        bail!("{url}: names no file");
    }
    Ok(out)
}

/// The attribute `name` of `tag`, which must be a URL inside the page's folder.
fn local_url<'t>(tag: &'t Tag, name: &str) -> Result<&'t str> {
    let url = tag.attr(name).unwrap_or("");
    let lower = url.to_ascii_lowercase();
    let remote = lower.starts_with("//") || lower.contains(':') || url.starts_with('/');
    if remote || relative_path(url).is_err() {
        return Err(Error::new(format!(
            "<{} {name}=\"{url}\">: only relative URLs inside dist/ can be inlined",
            tag.name
        )));
    }
    Ok(url)
}

/// Just after `<meta charset>` (which must stay in the first 1024 bytes), else after `<head>`,
/// else at the start.
fn head_insertion_point(page: &str, tags: &[Tag]) -> usize {
    let charset = tags
        .iter()
        .find(|t| t.name == "meta" && t.has_attr("charset"));
    let head = tags.iter().find(|t| t.name == "head");
    let html = tags.iter().find(|t| t.name == "html");
    charset
        .or(head)
        .or(html)
        .map(|t| t.range.end)
        .unwrap_or_else(|| {
            if page.starts_with("<!") {
                page.find('>').map_or(0, |e| e + 1)
            } else {
                0
            }
        })
}

/// Attributes and CSS that would still make a request from the finished page.
fn remaining_requests(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    let is_inline = |url: &str| {
        let lower = url.trim().to_ascii_lowercase();
        lower.is_empty()
            || lower.starts_with("data:")
            || lower.starts_with("blob:")
            || lower.starts_with('#')
    };
    for tag in html::start_tags(page) {
        for attr in ["src", "srcset", "poster"] {
            if let Some(url) = tag.attr(attr).filter(|u| !is_inline(u)) {
                found.push(format!("<{} {attr}=\"{url}\"> would be fetched", tag.name));
            }
        }
        if tag.name == "link" {
            if let Some(url) = tag.attr("href").filter(|u| !is_inline(u)) {
                found.push(format!("<link href=\"{url}\"> would be fetched"));
            }
        }
        if tag.name == "style" {
            if let Some(text) = &tag.text {
                for url in html::css_urls(&page[text.content.clone()]) {
                    if !is_inline(&url) {
                        found.push(format!("CSS url({url}) would be fetched"));
                    }
                }
            }
        }
        if let Some((name, _)) = tag.attrs.iter().find(|(n, _)| n.starts_with("on")) {
            found.push(format!(
                "<{} {name}>: inline event handlers are refused by the page's CSP",
                tag.name
            ));
        }
    }
    found
}

/// The gzip level of the inlined wasm.
pub const LEVEL: u32 = 6;

/// gzip at [`LEVEL`], in pieces on every core (`crate::gzip`): the wasm with a large index is
/// tens of MiB.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    crate::gzip::gzip(bytes, LEVEL)
}

/// Standard base64 with padding (RFC 4648), as `atob` reads it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    const INDEX: &str = r#"<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Artikel-Explorer</title>
  <link rel="icon" href="./favicon.svg">
  <link rel="stylesheet" href="./style.css">
  <link rel="modulepreload" href="./explorer.js">
  <script type="module" src="./article-explorer.js" onerror="boom()"></script>
</head>
<body><article-explorer history="hash"></article-explorer></body>
</html>"#;

    #[derive(Default)]
    struct Fake {
        asked: BTreeMap<String, &'static str>,
    }

    impl Resources for Fake {
        fn stylesheet(&mut self, href: &str) -> Result<String> {
            self.asked.insert(href.into(), "stylesheet");
            Ok("body { color: red }".into())
        }
        fn module_script(&mut self, src: &str) -> Result<String> {
            self.asked.insert(src.into(), "module");
            Ok("const a = '</script>'; customElements.define('x-y', class extends HTMLElement {});".into())
        }
        fn classic_script(&mut self, src: &str) -> Result<String> {
            self.asked.insert(src.into(), "classic");
            Ok("1".into())
        }
    }

    fn single_file(index: &str) -> (String, Fake) {
        let mut fake = Fake::default();
        let inlined = inline(index, &mut fake).unwrap();
        assert!(inlined.warnings.is_empty(), "{:?}", inlined.warnings);
        (finish(&inlined.html, "globalThis.x = 1;"), fake)
    }

    #[test]
    fn the_single_file_inlines_styles_and_scripts_and_drops_preloads() {
        let (page, fake) = single_file(INDEX);
        assert_eq!(fake.asked["./style.css"], "stylesheet");
        assert_eq!(fake.asked["./article-explorer.js"], "module");
        assert!(
            page.contains("<style>body { color: red }</style>"),
            "{page}"
        );
        assert!(
            page.contains(r#"<script type="module">const a = '<\/script>';"#),
            "{page}"
        );
        assert!(!page.contains("modulepreload"), "{page}");
        assert!(!page.contains("onerror"), "{page}");
        assert!(
            page.contains(r#"<link rel="icon" href="data:,">"#),
            "{page}"
        );
        assert!(
            remaining_requests(&page).is_empty(),
            "{:?}",
            remaining_requests(&page)
        );
    }

    #[test]
    fn the_loader_and_policy_follow_the_charset_and_come_before_the_modules() {
        let (page, _) = single_file(INDEX);
        let charset = page.find("<meta charset").unwrap();
        let policy = page.find("Content-Security-Policy").unwrap();
        let loader = page.find("<script>globalThis.x = 1;</script>").unwrap();
        let module = page.find(r#"<script type="module">"#).unwrap();
        assert!(
            charset < policy && policy < loader && loader < module,
            "{page}"
        );
    }

    #[test]
    fn the_policy_lists_the_hash_of_every_inline_script() {
        let (page, _) = single_file(INDEX);
        let tags = html::start_tags(&page);
        let meta = tags
            .iter()
            .find(|t| t.attr("http-equiv") == Some("Content-Security-Policy"))
            .unwrap();
        let policy = meta.attr("content").unwrap();
        assert!(policy.starts_with("default-src 'none'; "), "{policy}");
        assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
        let scripts: Vec<&Tag> = tags.iter().filter(|t| t.name == "script").collect();
        assert_eq!(scripts.len(), 2);
        for script in scripts {
            let text = &page[script.text.as_ref().unwrap().content.clone()];
            assert!(
                policy.contains(&format!("'{}'", csp_hash(text))),
                "{policy}"
            );
        }
    }

    #[test]
    fn a_page_without_an_icon_gets_an_empty_one() {
        let (page, _) = single_file(
            "<!doctype html><html><head><meta charset=utf-8></head><body></body></html>",
        );
        assert!(
            page.contains(r#"<link rel="icon" href="data:,">"#),
            "{page}"
        );
    }

    #[test]
    fn remote_and_absolute_urls_are_refused() {
        for index in [
            r#"<link rel="stylesheet" href="https://cdn.example/x.css">"#,
            r#"<script type="module" src="//cdn.example/x.js"></script>"#,
            r#"<script src="/abs.js"></script>"#,
            r#"<script src="../outside.js"></script>"#,
        ] {
            let err = match inline(index, &mut Fake::default()) {
                Ok(_) => panic!("{index} was inlined"),
                Err(err) => err.to_string(),
            };
            assert!(err.contains("inside dist/"), "{err}");
        }
    }

    #[test]
    fn leftover_requests_are_reported() {
        let page = r#"<img src="a.png"><link rel="canonical" href="https://x/"><style>p{background:url("b.png")} q{background:url(data:,)}</style><div onclick="x()"></div>"#;
        let found = remaining_requests(page);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[2].contains("b.png"), "{found:?}");
    }

    #[test]
    fn the_wasm_loader_carries_the_bytes_in_the_chosen_encoding() {
        let wasm = b"\0asm\x01\0\0\0";
        let raw = wasm_loader(wasm, WasmEncoding::Base64);
        assert!(raw.contains(&format!("\"{}\"", base64(wasm))), "{raw}");
        assert!(
            raw.starts_with(&format!("globalThis.{WASM_GLOBAL}=")),
            "{raw}"
        );
        let gz = wasm_loader(wasm, WasmEncoding::GzipBase64);
        assert!(gz.contains("DecompressionStream(\"gzip\")"), "{gz}");
        assert!(gz.contains(&base64(&gzip(wasm))), "{gz}");
    }

    #[test]
    fn compressible_wasm_is_inlined_gzipped_and_tiny_wasm_raw() {
        let page = "<head><meta charset=utf-8></head>";
        let compressible = vec![7u8; 100_000];
        assert_eq!(smallest(page, &compressible)[0].0, WasmEncoding::GzipBase64);
        assert_eq!(smallest(page, b"\0asm")[0].0, WasmEncoding::Base64);
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in vectors {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn csp_hashes_are_sha256_in_base64() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }
}
