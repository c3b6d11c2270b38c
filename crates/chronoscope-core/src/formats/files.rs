//! Reading the files a user opened, and the files those name.
//!
//! Hostile input starts here. A file is read only when it is a regular file
//! no larger than [`MAX_FILE_BYTES`]: a device (`/dev/zero`), a pipe or a
//! folder is refused before anything is allocated for it. A native file's
//! `text_file` is read only from inside the event file's own folder
//! ([`read_beside`]): no absolute paths, no `..`, no link that leads out,
//! regular files of at most [`MAX_SOURCE_TEXT_BYTES`]; so a file someone
//! sends cannot make Chronoscope read (and `convert` copy) another file of
//! the machine's.

use std::io::Read as _;
use std::path::{Component, Path};

use super::{LoadError, Progress, Stage};
use crate::model::Location;

/// The largest file Chronoscope opens: 4 GiB (a CSV of some twenty million
/// rows; the text is held in memory).
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// The largest source text a native file may name in `text_file`: 64 MiB,
/// far more than a book.
pub const MAX_SOURCE_TEXT_BYTES: u64 = 64 << 20;

/// The size of `file` when it is a regular file of at most `max` bytes.
fn regular_size(file: &std::fs::File, max: u64) -> std::io::Result<u64> {
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a device or a pipe): Chronoscope reads only files",
        ));
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    Ok(meta.len())
}

fn too_large(size: u64, max: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!(
            "{} MiB, more than the {} MiB Chronoscope reads",
            size.div_ceil(1 << 20),
            max >> 20
        ),
    )
}

/// Whether `a` and `b` name the same file, after `.`, `..`, links and hard
/// links; `false` when either does not exist. Writing a file's output over
/// that file itself would lose what the output does not carry.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

/// The text of `name`, a `text_file` of the event file at `event_file`:
/// a relative path inside the event file's folder, to a regular UTF-8 file
/// of at most [`MAX_SOURCE_TEXT_BYTES`].
pub fn read_beside(event_file: &Path, name: &str) -> std::io::Result<String> {
    let refuse = |why: &str| Err(std::io::Error::other(why.to_owned()));
    let relative = Path::new(name);
    if name.trim().is_empty() {
        return refuse("an empty path: expected a file name such as article.txt");
    }
    for component in relative.components() {
        match component {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return refuse(
                    "`..` is not allowed: a text file is read only from the event file's own folder",
                );
            }
            Component::RootDir | Component::Prefix(_) => {
                return refuse(
                    "an absolute path is not allowed: a text file is read only from the event file's own folder",
                );
            }
        }
    }
    let folder = event_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = std::fs::canonicalize(folder)?;
    let target = std::fs::canonicalize(folder.join(relative))?;
    if !target.starts_with(&folder) {
        return refuse(
            "it is a link to a file outside the event file's folder: a text file is read only from that folder",
        );
    }
    let bytes = read_regular(&target, MAX_SOURCE_TEXT_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::other(format!(
            "not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The bytes of the regular file at `path`, of at most `max` bytes: a
/// folder, device or pipe is refused before anything is read
/// ([`std::io::ErrorKind::InvalidInput`]), and so is a larger file, or one
/// that grows past `max` while it is read
/// ([`std::io::ErrorKind::FileTooLarge`]).
pub fn read_regular(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let size = regular_size(&file, max)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// Reads the file at `path` as text (UTF-8, a byte order mark is kept for the
/// parser to skip).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    read_text_with_progress(path, &Progress::default())
}

/// [`read_text`], reporting the bytes read to `progress` and stopping with
/// [`LoadError::Cancelled`] when it is cancelled.
pub fn read_text_with_progress(path: &Path, progress: &Progress) -> Result<String, LoadError> {
    text_of(read_bytes_with_progress(path, progress)?, path)
}

/// `bytes` of the file at `path` as text, or a located error where they stop
/// being UTF-8.
pub fn text_of(bytes: Vec<u8>, path: &Path) -> Result<String, LoadError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            Err(LoadError::Invalid {
                path: path.to_path_buf(),
                location: Location::of_offset(&valid, offset),
                field: String::new(),
                message: "the file is not valid UTF-8 text".into(),
            })
        }
    }
}

/// The bytes of the regular file at `path` (at most [`MAX_FILE_BYTES`]),
/// reporting to `progress` and stopping when it is cancelled.
pub fn read_bytes_with_progress(path: &Path, progress: &Progress) -> Result<Vec<u8>, LoadError> {
    const CHUNK: usize = 4 << 20;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = regular_size(&file, MAX_FILE_BYTES).map_err(io)?;
    progress.start(Stage::Reading, size);
    #[cfg(unix)]
    let parts = read_parts(&file, size, progress, path)?;
    #[cfg(not(unix))]
    let parts = None;
    let bytes = if let Some(bytes) = parts {
        bytes
    } else {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
        loop {
            if progress.is_cancelled() {
                return Err(LoadError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            let before = bytes.len();
            let read = (&mut file)
                .take(CHUNK as u64)
                .read_to_end(&mut bytes)
                .map_err(io)?;
            progress.report(bytes.len() as u64, 0);
            if read == 0 || bytes.len() == before {
                break;
            }
            if bytes.len() as u64 > MAX_FILE_BYTES {
                // A file that grows while it is read (a log being written).
                return Err(io(too_large(bytes.len() as u64, MAX_FILE_BYTES)));
            }
        }
        bytes
    };
    Ok(bytes)
}

/// Files at least this large are read in parts, one per core.
#[cfg(unix)]
const READ_PARTS_MIN: u64 = 16 << 20;

/// A large file's bytes, read in parts at once, one per core (copying from
/// the page cache is most of reading a cached file, and it divides); `None`
/// when the file is small, or its size changed while it was read (then it
/// is read again in one go).
#[cfg(unix)]
fn read_parts(
    file: &std::fs::File,
    size: u64,
    progress: &Progress,
    path: &Path,
) -> Result<Option<Vec<u8>>, LoadError> {
    use std::os::unix::fs::FileExt as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    const CHUNK: usize = 4 << 20;
    let Ok(len) = usize::try_from(size) else {
        return Ok(None);
    };
    if size < READ_PARTS_MIN || crate::work::part_count(len, 8 << 20) < 2 {
        return Ok(None);
    }
    let mut bytes = vec![0_u8; len];
    let done = AtomicU64::new(0);
    // Fills `part`, which starts at byte `at` of the file: `Ok(false)` when
    // the file ended early.
    let read_part = |part: &mut [u8], at: usize| -> Result<bool, LoadError> {
        let mut filled = 0;
        while filled < part.len() {
            if progress.is_cancelled() {
                return Err(LoadError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            let end = (filled + CHUNK).min(part.len());
            let read = file
                .read_at(&mut part[filled..end], (at + filled) as u64)
                .map_err(|source| LoadError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            if read == 0 {
                return Ok(false);
            }
            filled += read;
            let total = done.fetch_add(read as u64, Ordering::Relaxed) + read as u64;
            progress.report(total, 0);
        }
        Ok(true)
    };
    let whole = crate::work::fill_parts(&mut bytes, 8 << 20, |part, at| read_part(part, at))?;
    // One byte more would mean the file grew.
    let grew = file.read_at(&mut [0_u8], size).map_or(true, |n| n > 0);
    Ok((whole && !grew).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder with `event.json` and the files `make` writes.
    fn folder(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("chronoscope-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("inner/sub")).unwrap();
        std::fs::write(dir.join("inner/event.json"), "{}").unwrap();
        std::fs::write(dir.join("inner/article.txt"), "The text.").unwrap();
        std::fs::write(dir.join("inner/sub/deeper.txt"), "Deeper.").unwrap();
        std::fs::write(dir.join("secret.txt"), "Outside.").unwrap();
        dir
    }

    #[test]
    fn the_same_file_by_any_path() {
        let dir = folder("same");
        let event = dir.join("inner/event.json");
        assert!(same_file(&event, &dir.join("inner/./sub/../event.json")));
        assert!(!same_file(&event, &dir.join("inner/article.txt")));
        assert!(!same_file(&event, &dir.join("inner/new.json")));
        #[cfg(unix)]
        {
            std::fs::hard_link(&event, dir.join("hard.json")).unwrap();
            assert!(same_file(&event, &dir.join("hard.json")));
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_text_file_is_read_from_the_event_files_folder() {
        let dir = folder("inside");
        let event = dir.join("inner/event.json");
        assert_eq!(read_beside(&event, "article.txt").unwrap(), "The text.");
        assert_eq!(read_beside(&event, "./sub/deeper.txt").unwrap(), "Deeper.");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn regression_text_file_may_name_any_path() {
        let dir = folder("escape");
        let event = dir.join("inner/event.json");
        for (name, why) in [
            ("../secret.txt", "`..` is not allowed"),
            ("sub/../../secret.txt", "`..` is not allowed"),
            ("/etc/passwd", "an absolute path is not allowed"),
            ("/dev/zero", "an absolute path is not allowed"),
            ("", "an empty path"),
            ("sub", "not a regular file"),
        ] {
            let e = read_beside(&event, name).unwrap_err().to_string();
            assert!(e.contains(why), "{name}: {e}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("inner/link.txt")).unwrap();
            let e = read_beside(&event, "link.txt").unwrap_err().to_string();
            assert!(e.contains("outside the event file's folder"), "{e}");
            std::os::unix::fs::symlink("/dev/zero", dir.join("inner/zero.txt")).unwrap();
            let e = read_beside(&event, "zero.txt").unwrap_err().to_string();
            assert!(e.contains("outside the event file's folder"), "{e}");
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[cfg(unix)]
    #[test]
    fn regression_check_dev_zero_aborts_with_an_allocation_failure() {
        let e = read_text(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        let e = read_text(Path::new("/tmp")).unwrap_err().to_string();
        assert!(
            e.contains("not a regular file") || e.contains("directory"),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_large_file_read_in_parts_is_the_file() {
        let path =
            std::env::temp_dir().join(format!("chronoscope-halves-{}.csv", std::process::id()));
        let line = "2024-06-19,Summit in Pyongyang,\"a quoted, longer text é\"\n";
        let text = line.repeat((READ_PARTS_MIN as usize) / line.len() + 1_001);
        std::fs::write(&path, &text).unwrap();
        let progress = Progress::default();
        let read = read_text_with_progress(&path, &progress);
        std::fs::remove_file(&path).unwrap();
        assert!(read.unwrap() == text);
        assert_eq!(progress.bytes(), text.len() as u64);
    }
}
