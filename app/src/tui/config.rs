//! The config file (`~/.config/invitriage/config.toml`): key remaps and a theme. Parsing is
//! pure ([`parse`]); [`load`] reads the file. Errors name the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::keymap::{BINDINGS, Context, KeySpec, Keymap};
use super::theme::{SLOTS, Theme};
use invitriage::error::Error;

/// The settings the app runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    theme: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<BTreeMap<String, Spanned<OneOrMany>>>>,
}

/// Where the config file lives: `$INVITRIAGE_CONFIG`, else the platform config dir.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INVITRIAGE_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "invitriage").map(|d| d.config_dir().join("config.toml"))
}

/// True when the user asked for no colour (`NO_COLOR` set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Read the config file if there is one; defaults otherwise.
pub fn load(no_color: bool) -> Result<Config, Error> {
    let Some(path) = path() else {
        return parse("", Path::new("config.toml"), no_color);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path, no_color),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => parse("", &path, no_color),
        Err(e) => Err(Error::Usage(format!(
            "{}: cannot read the config file: {e}",
            invitriage::sanitize::path(&path)
        ))),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Parse config text. `path` only names the file in errors.
pub fn parse(text: &str, path: &Path, no_color: bool) -> Result<Config, Error> {
    let at = |offset: usize, msg: String| {
        Error::Usage(format!(
            "{}:{}: {msg}\n(`invitriage config --print-default` shows every setting)",
            invitriage::sanitize::path(path),
            line_of(text, offset)
        ))
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        at(offset, e.message().trim().to_string())
    })?;

    let mut keymap = Keymap::default();
    for (ctx_name, table) in &raw.keys {
        let ctx = Context::parse(ctx_name).ok_or_else(|| {
            at(
                table.span().start,
                format!(
                    "unknown key section [keys.{ctx_name}]; expected one of: {}",
                    Context::ALL.map(|c| c.name()).join(", ")
                ),
            )
        })?;
        for (name, value) in table.get_ref() {
            let start = value.span().start;
            let specs = match value.get_ref() {
                OneOrMany::One(s) => vec![s.clone()],
                OneOrMany::Many(v) => v.clone(),
            };
            let keys = specs
                .iter()
                .map(|s| KeySpec::parse(s))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| at(start, format!("keys.{ctx_name}.{name}: {e}")))?;
            keymap.remap(ctx, name, keys).map_err(|e| at(start, e))?;
        }
    }
    if let Some(conflict) = keymap.conflict() {
        return Err(Error::Usage(format!(
            "{}: {conflict}",
            invitriage::sanitize::path(path)
        )));
    }

    for (name, value) in &raw.theme {
        if !SLOTS.iter().any(|s| s.name == name) {
            return Err(at(
                value.span().start,
                format!(
                    "unknown theme slot {name:?}; expected one of: {}",
                    SLOTS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    let theme = Theme::build(no_color, |slot| {
        raw.theme.get(slot).map(|v| v.get_ref().clone())
    })
    .map_err(|e| {
        let slot = e
            .split(':')
            .next()
            .unwrap_or("")
            .trim_start_matches("theme.");
        let offset = raw.theme.get(slot).map(|v| v.span().start).unwrap_or(0);
        at(offset, e)
    })?;
    Ok(Config { keymap, theme })
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The full default config file, generated from the keymap table and the theme slots.
pub fn default_toml() -> String {
    let mut s = String::from(
        "# invitriage configuration: ~/.config/invitriage/config.toml\n\
         # (or the file named by $INVITRIAGE_CONFIG). Every setting below is the default;\n\
         # delete what you do not change.\n\
         # NO_COLOR=1 in the environment turns every colour off (modifiers stay).\n\n\
         # Styles: modifiers (bold, dim, italic, underlined, reversed, crossed_out), a colour,\n\
         # and \"on <colour>\" for the background. Colours: black, red, green, yellow, blue,\n\
         # magenta, cyan, gray, dark_gray, light_red, light_green, light_yellow, light_blue,\n\
         # light_magenta, light_cyan, white, #rrggbb, or 0-255.\n[theme]\n",
    );
    for slot in SLOTS {
        s.push_str(&format!(
            "# {}\n{} = {}\n",
            slot.help,
            slot.name,
            toml_str(slot.default)
        ));
    }
    s.push_str(
        "\n# Keys: one key or a list. Spelling: a, A, ?, /, ctrl-r, alt-x, enter, esc, tab,\n\
         # shift-tab, backspace, space, up, down, left, right, home, end, pgup, pgdn, f1..f12.\n\
         # An empty list unbinds an action.\n",
    );
    for ctx in Context::ALL {
        s.push_str(&format!("\n# {}\n[keys.{}]\n", ctx.title(), ctx.name()));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys = b
                .keys
                .iter()
                .map(|k| toml_str(k))
                .collect::<Vec<_>>()
                .join(", ");
            s.push_str(&format!("# {}\n{} = [{keys}]\n", b.help, b.name));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    fn p() -> &'static Path {
        Path::new("/home/u/.config/invitriage/config.toml")
    }

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let c = parse(&default_toml(), p(), false).unwrap();
        assert_eq!(c.theme, Theme::default());
        for (b, keys) in c.keymap.all() {
            let want: Vec<_> = b.keys.iter().map(|k| KeySpec::parse(k).unwrap()).collect();
            assert_eq!(keys, want.as_slice(), "{}", b.name);
        }
    }

    #[test]
    fn remaps_apply() {
        let c = parse(
            "[keys.normal]\naccept = \"e\"\nignore = [\"x\", \"ctrl-x\"]\n",
            p(),
            false,
        )
        .unwrap();
        let k = |s| KeySpec::parse(s).unwrap();
        assert_eq!(
            c.keymap.dispatch(Context::Normal, k("e")),
            Some(Action::Accept)
        );
        assert_eq!(
            c.keymap.dispatch(Context::Normal, k("ctrl-x")),
            Some(Action::Ignore)
        );
        assert_eq!(c.keymap.dispatch(Context::Normal, k("a")), None);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            ("[keys.normal]\n\naccept = \"hyper-a\"\n", 3, "unknown key"),
            ("[keys.normal]\nacept = \"a\"\n", 2, "no action \"acept\""),
            (
                "[theme]\naccept = \"bold chartreuse\"\n",
                2,
                "unknown colour",
            ),
            ("[theme]\nbogus = \"red\"\n", 2, "unknown theme slot"),
            ("[keys.nowhere]\nquit = \"q\"\n", 1, "unknown key section"),
            ("x = = 1\n", 1, ""),
            ("\n\n[colours]\n", 3, "unknown field"),
        ];
        for (text, line, needle) in cases {
            let e = parse(text, p(), false).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("{}:{line}: ", p().display())),
                "{text:?} -> {e}"
            );
            assert!(e.contains(needle), "{text:?} -> {e}");
            assert!(matches!(parse(text, p(), false), Err(Error::Usage(_))));
        }
    }

    #[test]
    fn conflicting_remaps_are_refused() {
        let e = parse("[keys.normal]\naccept = \"i\"\n", p(), false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("bound to both"), "{e}");
    }

    #[test]
    fn no_color_drops_configured_colours() {
        let c = parse("[theme]\naccept = \"bold red\"\n", p(), true).unwrap();
        assert_eq!(c.theme.accept.fg, None);
    }
}
