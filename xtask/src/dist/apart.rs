//! The embedded index kept apart from the code while wasm-bindgen and wasm-opt work on the
//! module: cut out of cargo's `.wasm` first, put back into `dist/pkg/` as one data segment at
//! its address last (`devkit::wasm_data`). At 10k articles the index is 48 MiB of a 49 MiB
//! module: both tools only read and wrote it. wasm-opt's time does not change (its -O1 over a
//! zeroed index was as fast, 3.5 s of CPU, same output); wasm-bindgen's falls a little, and
//! the index's gzip for the single file can run beside wasm-opt.

use std::path::{Path, PathBuf};

use crate::sizes;
use crate::util::{bail, Context, Ctx, Result};
use devkit::{gzip, wasm_data};

/// The module the tools get, and what to put back after them.
pub(super) struct Apart {
    /// cargo's `.wasm`, or the copy without the index.
    pub module: PathBuf,
    /// The index and its address, when it was cut out.
    cut: Option<(Vec<u8>, u32)>,
}

/// cargo's module `wasm` with the build script's `index` cut out, written to
/// `target/xtask-dist/<pid>/code.wasm`; cargo's own file is left as it is. When the index is
/// empty (lazy mode) or not found whole, the tools get the module as it is.
pub(super) fn cut(ctx: &Ctx, wasm: &Path, index: Option<&Path>) -> Result<Apart> {
    let index = index
        .and_then(|p| std::fs::read(p).ok())
        .unwrap_or_default();
    let whole = Apart {
        module: wasm.to_path_buf(),
        cut: None,
    };
    if index.is_empty() {
        return Ok(whole);
    }
    let bytes = std::fs::read(wasm).context(|| format!("reading {}", wasm.display()))?;
    let Some((address, code)) = wasm_data::find_whole(&bytes, &index)
        .and_then(|(address, at)| Some((address, wasm_data::cut_out(&bytes, at, index.len())?)))
    else {
        println!(
            "the index was not found whole in the module: wasm-bindgen and wasm-opt get it all"
        );
        return Ok(whole);
    };
    let dir = ctx.path(&format!("target/xtask-dist/{}", std::process::id()));
    std::fs::create_dir_all(&dir).context(|| format!("creating {}", dir.display()))?;
    let module = dir.join("code.wasm");
    std::fs::write(&module, &code).context(|| format!("writing {}", module.display()))?;
    println!(
        "the index ({}) is cut out of the module ({} left) and put back at address {address} after wasm-opt",
        sizes::format_size(index.len() as u64),
        sizes::format_size(code.len() as u64)
    );
    Ok(Apart {
        module,
        cut: Some((index, address)),
    })
}

impl Apart {
    /// The index, when it was cut out.
    pub(super) fn index(&self) -> Option<&[u8]> {
        self.cut.as_ref().map(|(index, _)| index.as_slice())
    }

    /// Puts the index back into `wasm` (wasm-bindgen's and wasm-opt's output), removes the
    /// copy made for them and returns the index (`None`: nothing was cut out).
    pub(super) fn put_back(self, wasm: &Path) -> Result<Option<Vec<u8>>> {
        let Some((index, address)) = self.cut else {
            return Ok(None);
        };
        let _ = std::fs::remove_file(&self.module);
        let code = std::fs::read(wasm).context(|| format!("reading {}", wasm.display()))?;
        let Some(whole) = wasm_data::with_segment(&code, address, &index) else {
            bail!(
                "{}: no data section to put the index back into",
                wasm.display()
            );
        };
        std::fs::write(wasm, &whole).context(|| format!("writing {}", wasm.display()))?;
        println!(
            "the index is back in {}: {}",
            wasm.display(),
            sizes::format_size(whole.len() as u64)
        );
        Ok(Some(index))
    }
}

/// The gzip of `wasm` (the module with the index back in it) for the single file, with the
/// index's part taken from `index_run` (deflated while wasm-opt ran): the bytes before and
/// after the index are deflated now and the three runs joined. `None` if the index is not in
/// the module whole (then the single file deflates it all).
pub(super) fn gzip_around(
    wasm: &Path,
    index: &[u8],
    index_run: gzip::Deflated,
    level: u32,
) -> Result<Option<Vec<u8>>> {
    let bytes = std::fs::read(wasm).context(|| format!("reading {}", wasm.display()))?;
    let Some((_, at)) = wasm_data::find_whole(&bytes, index) else {
        return Ok(None);
    };
    let (before, after) = (&bytes[..at], &bytes[at + index.len()..]);
    Ok(Some(gzip::join(&[
        gzip::Deflated::new(before, level, false),
        index_run,
        gzip::Deflated::new(after, level, true),
    ])))
}
