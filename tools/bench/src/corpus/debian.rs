//! The Debian packages the corpus is made from: fetched with `apt-get download` into a cache,
//! unpacked with `dpkg-deb -x` (nothing is installed), with version and licences read from the
//! package itself.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, bail, Context, Result};

/// A package with German prose, and which of its files to read.
pub struct Source {
    pub package: &'static str,
    /// Only files whose path contains one of these (empty: every file).
    pub only: &'static [&'static str],
}

/// In this order: the order of articles in the corpus follows it.
pub const SOURCES: &[Source] = &[
    Source {
        package: "debian-handbook",
        only: &["/de-DE/"],
    },
    Source {
        package: "debian-reference-de",
        only: &[],
    },
    Source {
        package: "debian-faq-de",
        only: &[],
    },
    Source {
        package: "developers-reference-de",
        only: &[],
    },
    Source {
        package: "maint-guide-de",
        only: &[],
    },
    Source {
        package: "debian-edu-doc-de",
        only: &[],
    },
    Source {
        package: "debian-paketmanagement-buch",
        only: &[],
    },
    Source {
        package: "manpages-de",
        only: &["/man/de/"],
    },
    Source {
        package: "libreoffice-help-de",
        only: &[],
    },
    Source {
        package: "gimp-help-de",
        only: &[],
    },
    Source {
        package: "kicad-doc-de",
        only: &[],
    },
    Source {
        package: "lilypond-doc-html-de",
        only: &[],
    },
    Source {
        package: "udo-doc-de",
        only: &[],
    },
    Source {
        package: "gosa-help-de",
        only: &[],
    },
    Source {
        package: "installation-guide-amd64",
        only: &["/de/"],
    },
    Source {
        package: "gnucash-docs",
        only: &["/help/de/"],
    },
    Source {
        package: "gnome-user-docs",
        only: &["/help/de/"],
    },
];

/// A package unpacked in the cache.
pub struct Unpacked {
    pub package: String,
    pub version: String,
    pub root: PathBuf,
    /// Licence names from `usr/share/doc/<package>/copyright`.
    pub licences: Vec<String>,
}

/// Makes sure every source package is downloaded and unpacked under `cache`, skipping what is
/// there already. Runs `apt-get update` once if a download fails (fresh machines have no
/// package lists), then tries again.
pub fn fetch_all(cache: &Path) -> Result<Vec<Unpacked>> {
    let debs = cache.join("debs");
    std::fs::create_dir_all(&debs).context(|| format!("creating {}", debs.display()))?;
    let missing: Vec<&str> = SOURCES
        .iter()
        .map(|s| s.package)
        .filter(|p| find_deb(&debs, p).is_none())
        .collect();
    if missing.is_empty() {
        println!(
            "all {} packages are in {} already",
            SOURCES.len(),
            debs.display()
        );
    } else {
        download(&debs, &missing)?;
    }
    let mut unpacked = Vec::new();
    for source in SOURCES {
        let Some(deb) = find_deb(&debs, source.package) else {
            bail!(
                "{}: apt-get download left no .deb in {}",
                source.package,
                debs.display()
            );
        };
        unpacked.push(unpack(cache, source.package, &deb)?);
    }
    Ok(unpacked)
}

fn download(debs: &Path, packages: &[&str]) -> Result<()> {
    let attempt = |debs: &Path| {
        let mut cmd = Command::new("apt-get");
        cmd.current_dir(debs).arg("download").args(packages);
        util::run(&mut cmd)
    };
    if attempt(debs).is_ok() {
        return Ok(());
    }
    println!("apt-get download failed: updating the package lists once and trying again");
    util::run(Command::new("apt-get").arg("update"))?;
    attempt(debs).map_err(|err| {
        util::Error::new(format!(
            "{err}\nthe corpus needs these Debian packages (downloaded, not installed): {}",
            packages.join(" ")
        ))
    })
}

/// `<package>_*.deb` in `dir` (the newest name if there are several).
fn find_deb(dir: &Path, package: &str) -> Option<PathBuf> {
    let prefix = format!("{package}_");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".deb"))
        })
        .collect();
    found.sort();
    found.pop()
}

/// Unpacks `deb` into `cache/unpacked/<package>` unless a stamp says this very file is there.
fn unpack(cache: &Path, package: &str, deb: &Path) -> Result<Unpacked> {
    let root = cache.join("unpacked").join(package);
    let stamp = root.join(".unpacked-from");
    let deb_name = deb
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fresh = std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == deb_name);
    if !fresh {
        if root.exists() {
            std::fs::remove_dir_all(&root).context(|| format!("clearing {}", root.display()))?;
        }
        std::fs::create_dir_all(&root).context(|| format!("creating {}", root.display()))?;
        util::run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&root))?;
        std::fs::write(&stamp, format!("{deb_name}\n"))
            .context(|| format!("writing {}", stamp.display()))?;
    }
    let version = util::probe(Command::new("dpkg-deb").arg("-f").arg(deb).arg("Version"))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| util::Error::new(format!("dpkg-deb -f {} Version failed", deb.display())))?;
    let copyright = root.join("usr/share/doc").join(package).join("copyright");
    let licences = match std::fs::read_to_string(&copyright) {
        Ok(text) => licences(&text),
        // gimp-help-de's doc folder is a link to gimp-help-common, another package.
        Err(_) => match std::fs::read_link(copyright.parent().unwrap_or(&root)) {
            Ok(target) => vec![format!(
                "in the copyright file of {} (the doc folder links there)",
                target.display()
            )],
            Err(_) => Vec::new(),
        },
    };
    Ok(Unpacked {
        package: package.to_string(),
        version,
        root,
        licences,
    })
}

/// Licence names in a copyright file: the `License:` fields of a machine-readable (DEP-5) file,
/// or else the well-known licence names its text mentions.
pub fn licences(copyright: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for line in copyright.lines() {
        if let Some(name) = line.strip_prefix("License:") {
            let name = name.trim();
            if !name.is_empty() && !found.iter().any(|f| f == name) {
                found.push(name.to_string());
            }
        }
    }
    if found.is_empty() {
        const KNOWN: &[(&str, &str)] = &[
            ("GNU General Public License", "GPL"),
            ("GNU GPL", "GPL"),
            (
                "Permission is granted to make and distribute verbatim copies",
                "permission to copy and distribute verbatim and modified copies",
            ),
            ("GNU Lesser General Public", "LGPL"),
            ("GNU Free Documentation License", "GFDL"),
            ("Creative Commons", "Creative Commons"),
            ("Open Publication License", "OPL"),
            ("BSD", "BSD"),
            ("MIT License", "MIT"),
            ("public domain", "public domain"),
        ];
        for (needle, name) in KNOWN {
            let seen = found.iter().any(|f| f.starts_with(name));
            if copyright.contains(needle) && !seen {
                found.push(format!("{name} (named in the copyright text)"));
            }
        }
    }
    found.sort();
    found
}

/// The files of `unpacked` to read, sorted: HTML pages, DocBook and Mallard XML and gzipped man
/// pages, restricted by the
/// source's `only` filter; changelogs, copyright files and other languages left out.
pub fn text_files(unpacked: &Unpacked, source: &Source) -> Result<Vec<PathBuf>> {
    let mut all = Vec::new();
    let usr = unpacked.root.join("usr");
    if usr.is_dir() {
        crate::sizes::list_files(&usr, &mut all)?;
    }
    let mut files: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let kind_ok = [".html", ".htm", ".xml", ".page", ".docbook"]
                .iter()
                .any(|ext| name.ends_with(ext))
                || (s.contains("/man/") && name.ends_with(".gz"));
            let only_ok = source.only.is_empty() || source.only.iter().any(|o| s.contains(o));
            kind_ok && only_ok && !name.starts_with("changelog") && !p.is_symlink()
        })
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_come_from_dep5_fields_or_known_names() {
        let dep5 = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
                    Files: *\nLicense: GPL-2+\n\nFiles: debian/*\nLicense: GPL-2+\n\nLicense: CC-BY-SA-3.0\n";
        assert_eq!(licences(dep5), ["CC-BY-SA-3.0", "GPL-2+"]);
        let prose = "This package is released under the GNU General Public License, version 2.";
        assert_eq!(licences(prose), ["GPL (named in the copyright text)"]);
    }
}
