//! The size table printed after `dist`: every file with its raw, gzip and brotli size, and totals.
//!
//! gzip is computed here (flate2, level 9, as a static host would precompress); brotli by one
//! `node` process (its zlib has brotli built in, quality 11), so no brotli crate is compiled.
//! If node cannot run, the brotli column is left out rather than failing the build.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::util::{Context, Result};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSize {
    /// Path relative to the table's folder, with `/` separators.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: Option<u64>,
}

/// Every file under `dir`, sorted by path, with its sizes.
pub fn measure(dir: &Path) -> Result<Vec<FileSize>> {
    measure_where(dir, |_| true)
}

/// The files under `dir` whose path relative to it passes `keep`, sorted, with their sizes.
pub fn measure_where(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    list_files(dir, &mut files)?;
    files.retain(|f| keep(f.strip_prefix(dir).unwrap_or(f)));
    files.sort();
    let brotli = brotli_sizes(&files);
    let mut rows = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).context(|| format!("reading {}", file.display()))?;
        let rel = file.strip_prefix(dir).unwrap_or(file);
        let path = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        rows.push(FileSize {
            path,
            raw: bytes.len() as u64,
            gzip: gzip_size(&bytes),
            brotli: brotli.as_ref().and_then(|sizes| sizes.get(i).copied()),
        });
    }
    Ok(rows)
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
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let compressed = encoder.write_all(bytes).and_then(|()| encoder.finish());
    compressed.map(|c| c.len() as u64).unwrap_or(0)
}

/// Brotli sizes (quality 11) of `files`, in order, from one node process; `None` if node is
/// unavailable or says something unexpected.
fn brotli_sizes(files: &[PathBuf]) -> Option<Vec<u64>> {
    const SCRIPT: &str = "const z = require('zlib'), fs = require('fs');\
        for (const f of process.argv.slice(1)) {\
          const b = fs.readFileSync(f);\
          const p = { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length };\
          console.log(z.brotliCompressSync(b, { params: p }).length);\
        }";
    if files.is_empty() {
        return Some(Vec::new());
    }
    let output = crate::util::probe(Command::new("node").arg("-e").arg(SCRIPT).args(files))?;
    let sizes: Vec<u64> = output
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    (sizes.len() == files.len()).then_some(sizes)
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

/// The table: a header, one line per file, a rule and a total line. The brotli column appears
/// only when every file has a brotli size.
pub fn format_table(rows: &[FileSize]) -> String {
    let with_brotli = !rows.is_empty() && rows.iter().all(|r| r.brotli.is_some());
    let total = FileSize {
        path: format!(
            "total ({} file{})",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        ),
        raw: rows.iter().map(|r| r.raw).sum(),
        gzip: rows.iter().map(|r| r.gzip).sum(),
        brotli: with_brotli.then(|| rows.iter().filter_map(|r| r.brotli).sum()),
    };
    let cells = |r: &FileSize| -> Vec<String> {
        let mut c = vec![r.path.clone(), format_size(r.raw), format_size(r.gzip)];
        if with_brotli {
            c.push(r.brotli.map(format_size).unwrap_or_default());
        }
        c
    };
    let mut header = vec!["file".to_string(), "raw".into(), "gzip".into()];
    if with_brotli {
        header.push("brotli".into());
    }
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
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, raw: u64, gzip: u64, brotli: Option<u64>) -> FileSize {
        FileSize {
            path: path.into(),
            raw,
            gzip,
            brotli,
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
            row("index.html", 2048, 1024, Some(900)),
            row("pkg/a_bg.wasm", 112_100, 49_000, Some(41_000)),
        ];
        let expected = "\
file                   raw      gzip    brotli
index.html         2.0 KiB   1.0 KiB     900 B
pkg/a_bg.wasm    109.5 KiB  47.9 KiB  40.0 KiB
----------------------------------------------
total (2 files)  111.5 KiB  48.9 KiB  40.9 KiB
";
        assert_eq!(format_table(&rows), expected);
    }

    #[test]
    fn table_drops_brotli_when_any_size_is_unknown() {
        let table = format_table(&[row("a.js", 10, 20, None), row("b.js", 10, 20, Some(5))]);
        assert!(!table.contains("brotli"), "{table}");
        assert!(table.starts_with("file"), "{table}");
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
