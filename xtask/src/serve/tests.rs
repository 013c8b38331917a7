//! Tests of the static file server: path sanitising and MIME types as tables, then real requests
//! over loopback to a server on a free port serving a temporary folder.

use super::*;
use std::net::Shutdown;

#[test]
fn paths_are_made_relative_to_the_root() {
    let cases = [
        ("/", ""),
        ("/index.html", "index.html"),
        ("/pkg/article_explorer.js?v=1#x", "pkg/article_explorer.js"),
        ("//pkg/./a.js", "pkg/a.js"),
        ("/a%20b.txt", "a b.txt"),
        ("/%C3%A4rger.html", "ärger.html"),
        ("/..foo/bar..", "..foo/bar.."),
    ];
    for (target, expected) in cases {
        assert_eq!(sanitize(target), Ok(PathBuf::from(expected)), "{target}");
    }
}

#[test]
fn traversal_and_malformed_paths_are_refused() {
    for target in [
        "/..",
        "/../etc/passwd",
        "/pkg/../../x",
        "/%2e%2e/x",
        "/%2E%2E%2Fx",
        "/a/..?q",
    ] {
        assert_eq!(sanitize(target), Err(Refusal::Traversal), "{target}");
    }
    for target in [
        "",
        "index.html",
        "http://x/",
        "/%",
        "/%zz",
        "/%+1",
        "/%00",
        "/a\\..\\b",
        "/%ff",
    ] {
        assert_eq!(sanitize(target), Err(Refusal::Malformed), "{target}");
    }
}

#[test]
fn mime_types_are_what_browsers_require() {
    let cases = [
        ("index.html", "text/html; charset=utf-8"),
        ("pkg/article_explorer_bg.wasm", "application/wasm"),
        ("pkg/article_explorer.js", "text/javascript; charset=utf-8"),
        ("app.mjs", "text/javascript; charset=utf-8"),
        ("style.CSS", "text/css; charset=utf-8"),
        ("data.json", "application/json"),
        ("icon.svg", "image/svg+xml"),
        ("pkg/article_explorer.d.ts", "text/plain; charset=utf-8"),
        ("LICENSE", "application/octet-stream"),
    ];
    for (file, expected) in cases {
        assert_eq!(mime_type(Path::new(file)), expected, "{file}");
    }
}

/// A temporary folder with a page, a module, a wasm file and a sub-folder, and a server on it.
fn serve_fixture(name: &str) -> (PathBuf, SocketAddr) {
    let dir = std::env::temp_dir().join(format!("xtask-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dir.join("pkg/a.js"), "export const a = 1;").unwrap();
    std::fs::write(dir.join("pkg/a_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("docs/index.html"), "docs").unwrap();
    let server = Server::bind(&dir, 0, false).unwrap();
    let addr = server.addr();
    server.spawn();
    (dir, addr)
}

/// Sends a raw request and returns the status, the head and the body.
fn request(addr: SocketAddr, raw: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8(response[..split].to_vec()).unwrap();
    let body = response[split + 4..].to_vec();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head, body)
}

fn get(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    request(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
    )
}

#[test]
fn files_are_served_with_type_length_and_no_cache() {
    let (dir, addr) = serve_fixture("files");
    let (status, head, body) = get(addr, "/pkg/a_bg.wasm");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: application/wasm"), "{head}");
    assert!(head.contains("Content-Length: 8"), "{head}");
    assert!(head.contains("Cache-Control: no-cache"), "{head}");
    assert_eq!(body, b"\0asm\x01\0\0\0");

    let (status, head, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(body.starts_with(b"<!doctype html>"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn missing_files_traversal_and_other_methods_are_refused() {
    let (dir, addr) = serve_fixture("refusals");
    assert_eq!(get(addr, "/nope.js").0, 404);
    assert_eq!(get(addr, "/../Cargo.toml").0, 403);
    assert_eq!(get(addr, "/pkg/%2e%2e/%2e%2e/etc/passwd").0, 403);
    assert_eq!(request(addr, "POST / HTTP/1.1\r\n\r\n").0, 405);
    assert_eq!(
        request(addr, "GET / HTTP/1.1\r\n").0,
        400,
        "an unfinished head"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn folders_redirect_to_a_trailing_slash_then_serve_their_index() {
    let (dir, addr) = serve_fixture("folders");
    let (status, head, _) = get(addr, "/docs?x=1");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /docs/"), "{head}");
    let (status, _, body) = get(addr, "/docs/");
    assert_eq!((status, body.as_slice()), (200, b"docs".as_slice()));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn head_requests_get_headers_without_a_body() {
    let (dir, addr) = serve_fixture("head");
    let (status, head, body) = request(addr, "HEAD /pkg/a.js HTTP/1.1\r\n\r\n");
    assert_eq!(status, 200);
    assert!(head.contains("text/javascript"), "{head}");
    assert!(head.contains("Content-Length: 19"), "{head}");
    assert!(body.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn concurrent_requests_are_all_answered() {
    let (dir, addr) = serve_fixture("concurrent");
    // Open several connections first, then complete them in reverse order: a server handling
    // one connection at a time would wait on the first forever.
    let mut streams: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(addr).unwrap()).collect();
    for stream in streams.iter_mut().rev() {
        stream.write_all(b"GET /pkg/a.js HTTP/1.1\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_taken_port_is_reported_clearly() {
    let (dir, addr) = serve_fixture("taken");
    let err = Server::bind(&dir, addr.port(), false)
        .err()
        .expect("the port is taken");
    assert!(err.to_string().contains("already in use"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}
