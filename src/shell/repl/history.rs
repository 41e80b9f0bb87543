//! Where the history file lives: `$XDG_DATA_HOME/otpsh/history`, else
//! `~/.local/share/otpsh/history` (the XDG default). Without either, history is kept
//! for the session only.

use std::ffi::OsString;
use std::path::PathBuf;

/// The history file for this user, from the environment.
pub fn path() -> Option<PathBuf> {
    path_from(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
}

/// The XDG rule: a relative or empty `XDG_DATA_HOME` is to be ignored.
fn path_from(xdg_data_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let data = xdg_data_home
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("share"))
        })?;
    Some(data.join("otpsh").join("history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_data_home_first_then_home() {
        let p = path_from(Some("/x/data".into()), Some("/home/u".into()));
        assert_eq!(p, Some(PathBuf::from("/x/data/otpsh/history")));
        let p = path_from(None, Some("/home/u".into()));
        assert_eq!(p, Some(PathBuf::from("/home/u/.local/share/otpsh/history")));
    }

    #[test]
    fn a_relative_or_empty_data_home_is_ignored() {
        let p = path_from(Some("rel".into()), Some("/home/u".into()));
        assert_eq!(p, Some(PathBuf::from("/home/u/.local/share/otpsh/history")));
        let p = path_from(Some("".into()), Some("/home/u".into()));
        assert_eq!(p, Some(PathBuf::from("/home/u/.local/share/otpsh/history")));
        assert_eq!(path_from(None, Some("".into())), None);
        assert_eq!(path_from(None, None), None);
    }
}
