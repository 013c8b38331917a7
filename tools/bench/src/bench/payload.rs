//! Compressed sizes for the benchmark: raw, gzip (level 9) and brotli, computed by one `node`
//! process (zlib in C: fast on the 100 MB modules a large corpus makes, where xtask's debug
//! build of a Rust deflate would crawl).
//!
//! Brotli runs at quality 11 (what a static host precompresses with) for files up to
//! [`BROTLI_11_MAX`]; larger files get quality 9, because quality 11 manages about 0.3 MB/s
//! here. Each size says which quality it used.

use std::path::PathBuf;
use std::process::Command;

use crate::util::{bail, Result};

/// Largest file compressed with brotli quality 11.
pub const BROTLI_11_MAX: u64 = 4 * 1024 * 1024;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    pub brotli_quality: u32,
}

impl Sizes {
    pub fn add(self, other: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
            brotli_quality: if self.brotli_quality == 0 {
                other.brotli_quality
            } else {
                self.brotli_quality.min(other.brotli_quality)
            },
        }
    }
}

/// The sizes of `files`, in order.
pub fn measure(files: &[PathBuf]) -> Result<Vec<Sizes>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    const SCRIPT: &str = "const z = require('zlib'), fs = require('fs');\
        const [max, ...files] = process.argv.slice(1);\
        for (const f of files) {\
          const b = fs.readFileSync(f);\
          const q = b.length <= Number(max) ? 11 : 9;\
          const p = { [z.constants.BROTLI_PARAM_QUALITY]: q, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length };\
          const g = z.gzipSync(b, { level: 9 }).length;\
          const br = z.brotliCompressSync(b, { params: p }).length;\
          console.log([b.length, g, br, q].join(' '));\
        }";
    let output = Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .arg(BROTLI_11_MAX.to_string())
        .args(files)
        .output();
    let output = match output {
        Ok(o) if o.status.success() => o,
        Ok(o) => bail!(
            "node could not compress the files: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(err) => bail!("node is needed to compress the files: {err}"),
    };
    let sizes: Vec<Sizes> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let n: Vec<u64> = line.split(' ').filter_map(|x| x.parse().ok()).collect();
            (n.len() == 4).then(|| Sizes {
                raw: n[0],
                gzip: n[1],
                brotli: n[2],
                brotli_quality: n[3] as u32,
            })
        })
        .collect();
    if sizes.len() != files.len() {
        bail!(
            "node reported {} sizes for {} files",
            sizes.len(),
            files.len()
        );
    }
    Ok(sizes)
}
