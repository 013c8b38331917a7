//! The size table printed after `dist`: every file with its raw and gzip size, and totals.
//!
//! Cheap sizes, said as such: gzip at level 6 (flate2) for files up to [`FAST_OVER`], and at
//! level 1 above it (marked `*`: a few per cent larger than level 6; at 10k articles gzip -6 of
//! the 50 MiB module and the 33 MiB single file took seconds of every build), the large ones
//! in pieces on every core ([`crate::gzip`]). A size the build already knows (the single
//! file's gzip of the .wasm) is passed in and not computed again. Exact sizes (brotli at
//! quality 11, gzip at level 9) are the benchmark's (`cargo xtask bench`), not every build's.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::util::{Context, Result};

/// Files larger than this get gzip level 1 in the table.
pub const FAST_OVER: u64 = 1 << 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSize {
    /// Path relative to the table's folder, with `/` separators.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    /// `gzip` is level 1 (fast), not level 6.
    pub fast: bool,
}

/// Every file under `dir`, sorted by path, with its sizes.
pub fn measure(dir: &Path) -> Result<Vec<FileSize>> {
    measure_where(dir, |_| true, &[])
}

/// The files under `dir` whose path relative to it passes `keep`, sorted, with their sizes;
/// `known` gives the gzip size (level 6) of some of them by relative path.
pub fn measure_where(
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
    known: &[(&str, u64)],
) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    list_files(dir, &mut files)?;
    files.retain(|f| keep(f.strip_prefix(dir).unwrap_or(f)));
    files.sort();
    let rel = |file: &Path| {
        let rel = file.strip_prefix(dir).unwrap_or(file);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut rows: Vec<Option<Result<FileSize>>> = Vec::new();
    rows.resize_with(files.len(), || None);
    let done = std::sync::Mutex::new(rows);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(files.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let path = rel(file);
                let given = known.iter().find(|(p, _)| *p == path).map(|k| k.1);
                let row = match (given, std::fs::metadata(file)) {
                    (Some(gzip), Ok(meta)) => Ok(FileSize {
                        path,
                        raw: meta.len(),
                        gzip,
                        fast: false,
                    }),
                    _ => std::fs::read(file)
                        .context(|| format!("reading {}", file.display()))
                        .map(|bytes| {
                            let fast = bytes.len() as u64 > FAST_OVER;
                            let gzip = if fast {
                                crate::gzip::gzip(&bytes, 1).len() as u64
                            } else {
                                gzip_size(&bytes)
                            };
                            FileSize {
                                path,
                                raw: bytes.len() as u64,
                                gzip,
                                fast,
                            }
                        }),
                };
                if let Ok(mut rows) = done.lock() {
                    rows[i] = Some(row);
                }
            });
        }
    });
    let rows = done.into_inner().unwrap_or_default();
    rows.into_iter().flatten().collect()
}

/// All regular files under `dir`, recursively (unsorted).
pub fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).context(|| format!("listing {}", dir.display()))?;
    for entry in entries {
        let entry = entry.context(|| format!("listing {}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .context(|| format!("reading {}", path.display()))?;
        if kind.is_dir() {
            list_files(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

pub fn gzip_size(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let compressed = encoder.write_all(bytes).and_then(|()| encoder.finish());
    compressed.map(|c| c.len() as u64).unwrap_or(0)
}

/// `512 B`, `1.5 KiB`, `2.25 MiB`.
pub fn format_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.2} MiB", b / KIB / KIB)
    }
}

/// The table: a header, one line per file, a rule and a total line.
pub fn format_table(rows: &[FileSize]) -> String {
    let any_fast = rows.iter().any(|r| r.fast);
    let total = FileSize {
        path: format!(
            "total ({} file{})",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        ),
        raw: rows.iter().map(|r| r.raw).sum(),
        gzip: rows.iter().map(|r| r.gzip).sum(),
        fast: any_fast,
    };
    let cells = |r: &FileSize| -> Vec<String> {
        // Numbers stay aligned: a row without the mark gets the mark's width in spaces.
        let mark = match (r.fast, any_fast) {
            (true, _) => " *",
            (false, true) => "  ",
            (false, false) => "",
        };
        vec![
            r.path.clone(),
            format_size(r.raw),
            format!("{}{mark}", format_size(r.gzip)),
        ]
    };
    let header = vec!["file".to_string(), "raw".into(), "gzip".into()];
    let mut lines: Vec<Vec<String>> = vec![header];
    lines.extend(rows.iter().map(cells));
    let total_line = cells(&total);
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|col| {
            lines
                .iter()
                .chain([&total_line])
                .map(|l| l[col].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let render = |line: &[String]| -> String {
        let mut out = format!("{:<w$}", line[0], w = widths[0]);
        for (cell, w) in line.iter().zip(&widths).skip(1) {
            out.push_str(&format!("  {cell:>w$}"));
        }
        out.trim_end().to_string() + "\n"
    };
    let mut table = String::new();
    for line in &lines {
        table.push_str(&render(line));
    }
    table.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
    table.push('\n');
    table.push_str(&render(&total_line));
    if total.fast {
        table.push_str(&format!(
            "* gzip -1 (fast) for files over {}; the others gzip -6. Exact sizes: cargo xtask bench\n",
            format_size(FAST_OVER)
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, raw: u64, gzip: u64) -> FileSize {
        FileSize {
            path: path.into(),
            raw,
            gzip,
            fast: false,
        }
    }

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(1536), "1.5 KiB");
        assert_eq!(format_size(3 * 1024 * 1024 / 2), "1.50 MiB");
    }

    #[test]
    fn table_aligns_columns_and_totals() {
        let rows = [
            row("index.html", 2048, 1024),
            row("pkg/a_bg.wasm", 112_100, 49_000),
        ];
        let expected = "\
file                   raw      gzip
index.html         2.0 KiB   1.0 KiB
pkg/a_bg.wasm    109.5 KiB  47.9 KiB
------------------------------------
total (2 files)  111.5 KiB  48.9 KiB
";
        assert_eq!(format_table(&rows), expected);
    }

    #[test]
    fn fast_sizes_are_marked_and_said() {
        let mut big = row("pkg/a_bg.wasm", 50 << 20, 25 << 20);
        big.fast = true;
        let table = format_table(&[row("index.html", 2048, 1024), big]);
        let expected = "\
file                   raw         gzip
index.html         2.0 KiB    1.0 KiB
pkg/a_bg.wasm    50.00 MiB  25.00 MiB *
---------------------------------------
total (2 files)  50.00 MiB  25.00 MiB *
* gzip -1 (fast) for files over 1.00 MiB; the others gzip -6. Exact sizes: cargo xtask bench
";
        assert_eq!(table, expected);
    }

    #[test]
    fn large_files_get_the_fast_level_and_known_sizes_are_taken() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-fast-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let big: Vec<u8> = (0..FAST_OVER + 10).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.join("big.bin"), &big).unwrap();
        std::fs::write(dir.join("known.bin"), &big).unwrap();
        std::fs::write(dir.join("small.txt"), b"aaaaaaaaaaaaaaaa").unwrap();
        let rows = measure_where(&dir, |_| true, &[("known.bin", 7)]).unwrap();
        let by = |p: &str| rows.iter().find(|r| r.path == p).unwrap().clone();
        assert!(by("big.bin").fast && by("big.bin").gzip < big.len() as u64 / 10);
        assert_eq!((by("known.bin").gzip, by("known.bin").fast), (7, false));
        assert_eq!(by("known.bin").raw, big.len() as u64);
        assert_eq!(by("small.txt").gzip, gzip_size(b"aaaaaaaaaaaaaaaa"));
        assert!(!by("small.txt").fast);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn gzip_of_repetitive_bytes_is_small() {
        let size = gzip_size(&[b'a'; 10_000]);
        assert!(size > 0 && size < 100, "{size}");
    }

    #[test]
    fn measure_lists_nested_files_sorted() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/b.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("index.html"), b"<!doctype html>").unwrap();
        let rows = measure(&dir).unwrap();
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["index.html", "pkg/b.wasm"]);
        assert_eq!(rows[0].raw, 15);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
