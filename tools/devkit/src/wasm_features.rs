//! Which WebAssembly features a module uses, read from its `target_features` custom section,
//! and the `wasm-opt --enable-...` flags that let wasm-opt keep them.
//!
//! rustc records the features it compiled with (for wasm32-unknown-unknown today: bulk-memory,
//! multivalue, mutable-globals, nontrapping-fptoint, reference-types, sign-ext, ...) and
//! wasm-bindgen keeps the section as long as the release profile does not `strip`. wasm-opt
//! fails, or worse, rewrites wrongly, when it meets a feature it was not told about.

/// Features every build enables, whatever the section says: the set rustc's wasm32 target uses
/// by default, so a module whose section was stripped still optimises.
pub const BASELINE: &[&str] = &[
    "bulk-memory",
    "nontrapping-float-to-int",
    "sign-ext",
    "mutable-globals",
    "reference-types",
    "multivalue",
];

/// The features a module declares as used (`+name`), in the order of its section; `None` when
/// the module has no `target_features` section. Errors describe a malformed module.
pub fn used_features(wasm: &[u8]) -> Result<Option<Vec<String>>, String> {
    let mut reader = Reader {
        bytes: wasm,
        pos: 0,
    };
    if reader.take(4)? != b"\0asm" {
        return Err("not a WebAssembly module (no \\0asm magic)".into());
    }
    reader.take(4)?; // version
    while reader.pos < wasm.len() {
        let id = reader.byte()?;
        let size = reader.leb()? as usize;
        let body = reader.take(size)?;
        if id != 0 {
            continue;
        }
        let mut section = Reader {
            bytes: body,
            pos: 0,
        };
        if section.name()? != "target_features" {
            continue;
        }
        let count = section.leb()?;
        let mut features = Vec::new();
        for _ in 0..count {
            let prefix = section.byte()?;
            let name = section.name()?;
            if prefix == b'+' {
                features.push(name);
            }
        }
        return Ok(Some(features));
    }
    Ok(None)
}

/// The `wasm-opt` flag for a feature named as LLVM names it (`nontrapping-fptoint` ->
/// `--enable-nontrapping-float-to-int`).
pub fn wasm_opt_flag(llvm_name: &str) -> String {
    let binaryen_name = match llvm_name {
        "nontrapping-fptoint" => "nontrapping-float-to-int",
        "simd128" => "simd",
        "atomics" => "threads",
        other => other,
    };
    format!("--enable-{binaryen_name}")
}

/// The baseline flags plus one for every further feature the module uses, without repeats.
pub fn wasm_opt_flags(used: &[String]) -> Vec<String> {
    let mut flags: Vec<String> = BASELINE.iter().map(|f| format!("--enable-{f}")).collect();
    for feature in used {
        let flag = wasm_opt_flag(feature);
        if !flags.contains(&flag) {
            flags.push(flag);
        }
    }
    flags
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let end = end
            .ok_or_else(|| format!("truncated module: {n} bytes wanted at offset {}", self.pos))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    /// An unsigned LEB128 number of at most 32 bits.
    fn leb(&mut self) -> Result<u32, String> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!(
            "malformed LEB128 number before offset {}",
            self.pos
        ))
    }

    fn name(&mut self) -> Result<String, String> {
        let len = self.leb()? as usize;
        Ok(String::from_utf8_lossy(self.take(len)?).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module_with_features(features: &[(u8, &str)]) -> Vec<u8> {
        let mut body = vec![b"target_features".len() as u8];
        body.extend_from_slice(b"target_features");
        body.push(features.len() as u8);
        for (prefix, name) in features {
            body.push(*prefix);
            body.push(name.len() as u8);
            body.extend_from_slice(name.as_bytes());
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // An empty type section first, to be skipped.
        wasm.extend_from_slice(&[1, 1, 0]);
        wasm.push(0);
        wasm.push(body.len() as u8);
        wasm.extend(body);
        wasm
    }

    #[test]
    fn used_features_are_read_from_the_custom_section() {
        let wasm = module_with_features(&[
            (b'+', "bulk-memory"),
            (b'-', "simd128"),
            (b'+', "nontrapping-fptoint"),
        ]);
        assert_eq!(
            used_features(&wasm).unwrap().unwrap(),
            ["bulk-memory", "nontrapping-fptoint"]
        );
    }

    #[test]
    fn modules_without_the_section_say_so() {
        assert_eq!(used_features(b"\0asm\x01\0\0\0").unwrap(), None);
    }

    #[test]
    fn malformed_modules_are_errors_not_panics() {
        assert!(used_features(b"").is_err());
        assert!(used_features(b"MZ\0\0\0\0\0\0").is_err());
        assert!(used_features(b"\0asm\x01\0\0\0\0\x7f").is_err());
        assert!(used_features(b"\0asm\x01\0\0\0\0\xff\xff\xff\xff\xff\xff").is_err());
    }

    #[test]
    fn flags_cover_the_baseline_and_map_llvm_names() {
        let flags = wasm_opt_flags(&[
            "nontrapping-fptoint".into(),
            "simd128".into(),
            "bulk-memory-opt".into(),
        ]);
        assert!(flags.contains(&"--enable-nontrapping-float-to-int".to_string()));
        assert!(flags.contains(&"--enable-simd".to_string()));
        assert!(flags.contains(&"--enable-bulk-memory-opt".to_string()));
        assert_eq!(
            flags.iter().filter(|f| f.contains("nontrapping")).count(),
            1
        );
        assert_eq!(flags.len(), BASELINE.len() + 2);
    }
}
