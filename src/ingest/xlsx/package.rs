//! The package (ECMA-376 part 2): a zip of XML parts that find each other through
//! relationships.
//!
//! Before anything is inflated, the declared sizes in the central directory are bounded
//! (`max_xlsx_inflated_bytes`, and a ratio no honest DEFLATE reaches); the archive reader then
//! stops each entry at its declared size, so their sum is a real bound on what is inflated. Part
//! names are matched as Excel matches them: ASCII case and `\` for `/` do not matter.

use quick_xml::events::Event;

use super::archive::Archive;
use super::part::{attribute, decoded_attribute, local_name, Part};
use super::Failure;
use crate::error::Error;
use crate::{options::Limits, vocab::FileKind};

/// Entries smaller than this are never called bombs, whatever their ratio.
const RATIO_FLOOR_BYTES: u64 = 1 << 20;
/// Deflate cannot do much better than ~1032:1; a larger declared ratio is a lie or a bomb,
/// and even honest sheet XML rarely passes 100:1.
const MAX_RATIO: u64 = 1000;

/// A link from one part to another.
pub(super) struct Relationship {
    pub(super) id: String,
    /// A URI whose last segment says what the target is (`…/worksheet`).
    pub(super) kind: String,
    /// The target's path from the package's root.
    pub(super) target: String,
}

impl Relationship {
    pub(super) fn is(&self, kind: &str) -> bool {
        self.kind.rsplit('/').next() == Some(kind)
    }
}

pub(super) struct Package<'b> {
    archive: Archive<'b>,
    /// Each entry's name with `\` as `/`, in ASCII lower case, by index.
    names: Vec<String>,
}

impl<'b> Package<'b> {
    pub(super) fn open(
        bytes: &'b [u8],
        file: FileKind,
        limits: &Limits,
    ) -> Result<Package<'b>, Error> {
        let archive = Archive::new(bytes).map_err(|e| broken_zip(file, e))?;
        bound_inflated_size(&archive, file, limits)?;
        let names = archive.entries.iter().map(|e| normalise(&e.name)).collect();
        Ok(Package { archive, names })
    }

    pub(super) fn has(&self, path: &str) -> bool {
        self.index(path).is_some()
    }

    fn index(&self, path: &str) -> Option<usize> {
        let wanted = normalise(path);
        self.names.iter().position(|name| *name == wanted)
    }

    /// The part at `path` (from the package's root, no leading `/`), if there is one.
    pub(super) fn part(&mut self, path: &str) -> Result<Option<Part<'b>>, Failure> {
        let Some(index) = self.index(path) else {
            return Ok(None);
        };
        let entry = self
            .archive
            .open(index)
            .map_err(|e| Failure::broken(format!("broken zip: {e}")))?;
        Part::new(entry, path).map(Some)
    }

    /// The part at `path`, which the package cannot do without.
    pub(super) fn required_part(&mut self, path: &str) -> Result<Part<'b>, Failure> {
        self.part(path)?
            .ok_or_else(|| Failure::broken(format!("it has no {path}")))
    }

    /// The relationships of the part at `source` (`""` for the package itself), in document
    /// order.
    pub(super) fn relationships(&mut self, source: &str) -> Result<Vec<Relationship>, Failure> {
        let (dir, name) = split_path(source);
        let mut xml = self.required_part(&format!("{dir}_rels/{name}.rels"))?;
        let mut relationships = Vec::new();
        let mut buf = Vec::new();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if local_name(&e) == "Relationship" => {
                    let Some(id) = attribute(&e, "Id")? else {
                        continue;
                    };
                    relationships.push(Relationship {
                        id: id.into_owned(),
                        kind: attribute(&e, "Type")?.unwrap_or_default().into_owned(),
                        target: join(dir, &decoded_attribute(&e, "Target")?.unwrap_or_default()),
                    });
                }
                Event::End(e) if e.local_name().into_inner() == "Relationships" => {
                    return Ok(relationships)
                }
                Event::Eof => return Err(xml.ends_inside("Relationships")),
                _ => {}
            }
        }
    }
}

/// `dir/` (empty at the root) and the file name of a part's path.
pub(super) fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => path.split_at(i + 1),
        None => ("", path),
    }
}

/// A relationship's target from the directory of its source: absolute (`/xl/…`) or relative,
/// `..` included.
fn join(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => dir.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn normalise(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

fn broken_zip(file: FileKind, e: impl std::fmt::Display) -> Error {
    Error::input(
        file,
        format!("not a readable spreadsheet (broken zip: {e}); save it again in Excel"),
    )
}

/// Refuses a zip whose entries would inflate past the limit, or with an absurd ratio.
pub(super) fn check_inflated_size(
    bytes: &[u8],
    file: FileKind,
    limits: &Limits,
) -> Result<(), Error> {
    let archive = Archive::new(bytes).map_err(|e| broken_zip(file, e))?;
    bound_inflated_size(&archive, file, limits)
}

fn bound_inflated_size(archive: &Archive, file: FileKind, limits: &Limits) -> Result<(), Error> {
    let mut total: u64 = 0;
    for entry in &archive.entries {
        let (size, packed) = (entry.size, entry.packed);
        total = total.saturating_add(size);
        if size > RATIO_FLOOR_BYTES && size / packed.max(1) > MAX_RATIO {
            return Err(Error::input(
                file,
                format!(
                    "zip entry `{}` would inflate {packed} bytes to {size} (over {MAX_RATIO}:1): refused as a zip bomb (max_xlsx_inflated_bytes = {})",
                    entry.name,
                    limits.max_xlsx_inflated_bytes
                ),
            ));
        }
    }
    if total > limits.max_xlsx_inflated_bytes {
        return Err(Error::Limit {
            file,
            limit: "max_xlsx_inflated_bytes",
            max: limits.max_xlsx_inflated_bytes,
            actual: total,
        });
    }
    Ok(())
}
