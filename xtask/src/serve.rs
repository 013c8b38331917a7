//! `cargo xtask serve`, and the static file server `test` starts for the end-to-end tests.
//!
//! A deliberately small HTTP/1.1 server on std::net: 127.0.0.1 only, GET and HEAD, one thread
//! per connection, `Connection: close`, `Cache-Control: no-cache` (so a rebuilt dist/ is always
//! picked up), MIME types a browser insists on (`application/wasm` for streaming compilation,
//! `text/javascript` for module scripts), and no way out of the served folder: `..` segments are
//! refused and resolved paths must stay under the canonical root (no escape through symlinks).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::dist::{self, Profile};
use crate::setup::{self, Needs};
use crate::sizes::format_size;
use crate::util::{bail, Context, Ctx, Error, Result};

pub const DEFAULT_PORT: u16 = 8080;
/// Requests whose head is longer than this are refused.
const MAX_HEAD: usize = 16 * 1024;

/// `cargo xtask serve`: setup and dist (unless `no_build`), then serve dist/ (or, hosted,
/// dist-hosted/) until interrupted.
pub fn command(ctx: &Ctx, port: u16, no_build: bool, mode: dist::Mode) -> Result<()> {
    let name = mode.dir();
    let dir = ctx.path(name);
    if no_build {
        if !dir.join("index.html").is_file() {
            bail!("{name}/index.html is missing: run `cargo xtask serve` without --no-build (or `cargo xtask dist`)");
        }
        println!("--no-build: serving {name}/ as it is");
    } else {
        setup::run(ctx, Needs::dist())?;
        dist::run(ctx, Profile::Release, mode)?;
    }
    let server = Server::bind(&dir, port, true)?;
    println!(
        "\nserving {} at {}  (Ctrl-C to stop)",
        dir.display(),
        server.url()
    );
    server.run();
    Ok(())
}

/// A bound listener and the folder it serves.
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
    log_all: bool,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0: a free port the OS picks). With `log_all` every request
    /// is printed; otherwise only failed ones (4xx/5xx).
    pub fn bind(root: &Path, port: u16, log_all: bool) -> Result<Self> {
        let root = root
            .canonicalize()
            .context(|| format!("cannot serve {}", root.display()))?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|err| {
            if err.kind() == std::io::ErrorKind::AddrInUse {
                Error::new(format!(
                    "port {port} on 127.0.0.1 is already in use (another `cargo xtask serve`?): \
                     pass --port N, or --port 0 for any free port"
                ))
            } else {
                Error::new(format!("cannot listen on 127.0.0.1:{port}: {err}"))
            }
        })?;
        Ok(Self {
            listener,
            root,
            log_all,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        // A bound listener always has an address; fall back to the unspecified one to stay total.
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr())
    }

    /// Accepts connections forever, each on its own thread.
    pub fn run(self) {
        let root = std::sync::Arc::new(self.root);
        for stream in self.listener.incoming() {
            match stream {
                Ok(stream) => {
                    let root = root.clone();
                    let log_all = self.log_all;
                    std::thread::spawn(move || handle(stream, &root, log_all));
                }
                Err(err) => {
                    eprintln!("serve: accepting a connection failed: {err}");
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    /// Runs the server on a background thread (it lives as long as the process).
    pub fn spawn(self) -> JoinHandle<()> {
        std::thread::spawn(move || self.run())
    }
}

/// A response before it is written.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: String) -> Self {
        Self {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.into_bytes(),
        }
    }
}

fn handle(mut stream: TcpStream, root: &Path, log_all: bool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let (method, target, response) = match read_head(&mut stream) {
        Ok(head) => {
            let mut parts = head.lines().next().unwrap_or("").split_whitespace();
            let method = parts.next().unwrap_or("").to_string();
            let target = parts.next().unwrap_or("").to_string();
            let response = respond(root, &method, &target);
            (method, target, response)
        }
        Err(response) => ("?".to_string(), "?".to_string(), response),
    };
    if log_all || response.status >= 400 {
        println!(
            "serve: {method} {target} -> {} ({})",
            response.status,
            format_size(response.body.len() as u64)
        );
    }
    let _ = write_response(&mut stream, &response, method == "HEAD");
}

/// Reads up to the blank line that ends a request head.
fn read_head(stream: &mut TcpStream) -> Result<String, Response> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Err(Response::text(431, "request head too large\n".into()));
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return Err(Response::text(400, "incomplete request\n".into())),
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8(head).map_err(|_| Response::text(400, "request head is not UTF-8\n".into()))
}

fn respond(root: &Path, method: &str, target: &str) -> Response {
    if method != "GET" && method != "HEAD" {
        let mut response = Response::text(
            405,
            format!("{method} is not supported: GET and HEAD only\n"),
        );
        response.headers.push(("Allow", "GET, HEAD".into()));
        return response;
    }
    let relative = match sanitize(target) {
        Ok(relative) => relative,
        Err(Refusal::Traversal) => {
            return Response::text(403, "`..` is not allowed in paths\n".into())
        }
        Err(Refusal::Malformed) => {
            return Response::text(400, format!("malformed path: {target}\n"))
        }
    };
    let mut path = root.join(&relative);
    if path.is_dir() {
        let path_part = target.split(['?', '#']).next().unwrap_or("/");
        if !path_part.ends_with('/') {
            // Relative URLs in the folder's index.html need the trailing slash.
            let mut response = Response::text(301, "moved\n".into());
            response.headers.push(("Location", format!("{path_part}/")));
            return response;
        }
        path.push("index.html");
    }
    // The canonical path must stay inside the root: symlinks cannot lead out of it.
    let inside = path
        .canonicalize()
        .ok()
        .filter(|p| p.starts_with(root) && p.is_file());
    let Some(file) = inside else {
        return Response::text(404, format!("not found: {target}\n"));
    };
    match std::fs::read(&file) {
        Ok(body) => Response {
            status: 200,
            headers: vec![("Content-Type", mime_type(&file).into())],
            body,
        },
        Err(err) => Response::text(500, format!("cannot read {target}: {err}\n")),
    }
}

fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    }
}

/// The Content-Type for a file, by extension.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        // Hosted mode's text chunks: served as they are (no Content-Encoding), the page
        // decompresses them.
        "gz" => "application/gzip",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A `..` segment (also percent-encoded).
    Traversal,
    /// Not an origin-form path, bad percent-encoding, not UTF-8, a NUL or a backslash.
    Malformed,
}

/// The request target as a path relative to the served folder (empty for `/`), or why not.
pub fn sanitize(target: &str) -> Result<PathBuf, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(Refusal::Malformed);
    }
    let decoded = percent_decode(path).ok_or(Refusal::Malformed)?;
    if decoded.contains(['\0', '\\']) {
        return Err(Refusal::Malformed);
    }
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Refusal::Traversal),
            segment => relative.push(segment),
        }
    }
    Ok(relative)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests;
