//! Every style the app draws with, in one struct, built from style strings such as
//! `"bold yellow on blue"`. Pure: no I/O (NO_COLOR is read by the caller and passed in).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// One theme slot: config name, default style, style without colour, what it is for.
pub struct Slot {
    pub name: &'static str,
    pub default: &'static str,
    pub no_color: &'static str,
    pub help: &'static str,
}

const fn slot(
    name: &'static str,
    default: &'static str,
    no_color: &'static str,
    help: &'static str,
) -> Slot {
    Slot {
        name,
        default,
        no_color,
        help,
    }
}

/// The slots, in config file order.
pub const SLOTS: &[Slot] = &[
    slot("text", "", "", "ordinary text"),
    slot(
        "dim",
        "dark_gray",
        "dim",
        "secondary text: ages, labels, sources",
    ),
    slot(
        "title",
        "bold cyan",
        "bold",
        "the app name and popup titles",
    ),
    slot("tab", "gray", "", "an inactive tab"),
    slot(
        "tab_active",
        "bold black on cyan",
        "bold reversed",
        "the active tab",
    ),
    slot(
        "selected",
        "bold white on blue",
        "reversed",
        "the selected row (its colours win over every other style on that row but a search match)",
    ),
    slot("marked", "bold magenta", "bold", "the mark of a marked row"),
    slot("match", "black on yellow", "underlined", "search matches"),
    slot("personal", "green", "bold", "the personal badge"),
    slot("boilerplate", "yellow", "", "boilerplate badges"),
    slot("accept", "bold green", "bold", "an accepted decision"),
    slot("ignore", "red", "", "an ignored decision"),
    slot(
        "saving",
        "italic gray",
        "italic",
        "a decision not yet saved",
    ),
    slot(
        "evidence",
        "bold black on light_yellow",
        "reversed",
        "the classifier's evidence in a note",
    ),
    slot(
        "weight_personal",
        "green",
        "",
        "a reason pushing towards personal",
    ),
    slot(
        "weight_boilerplate",
        "yellow",
        "",
        "a reason pushing towards boilerplate",
    ),
    slot(
        "label",
        "cyan",
        "bold",
        "field labels in the detail pane and popups",
    ),
    slot("border", "dark_gray", "", "pane and popup borders"),
    slot("key", "bold cyan", "bold", "keys in the footer and help"),
    slot("status", "", "", "the status line"),
    slot(
        "status_error",
        "bold red",
        "bold reversed",
        "an error in the status line",
    ),
    slot("gauge", "cyan", "reversed", "the loading gauge"),
    slot(
        "odd",
        "bold white on red",
        "bold underlined",
        "something to double-check, such as a date in the future",
    ),
];

/// Every style used by the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub selected: Style,
    pub marked: Style,
    pub search_match: Style,
    pub personal: Style,
    pub boilerplate: Style,
    pub accept: Style,
    pub ignore: Style,
    pub saving: Style,
    pub evidence: Style,
    pub weight_personal: Style,
    pub weight_boilerplate: Style,
    pub label: Style,
    pub border: Style,
    pub key: Style,
    pub status: Style,
    pub status_error: Style,
    pub gauge: Style,
    pub odd: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::build(false, |_| None).expect("default theme parses")
    }
}

impl Theme {
    /// The theme without colour (NO_COLOR): modifiers only.
    pub fn no_color() -> Theme {
        Theme::build(true, |_| None).expect("no-colour theme parses")
    }

    /// Build from the defaults, with `custom(slot)` overriding a slot's style string. With
    /// `no_color`, the no-colour defaults are used and colours in custom strings are dropped.
    pub fn build(no_color: bool, custom: impl Fn(&str) -> Option<String>) -> Result<Theme, String> {
        let get = |name: &str| -> Result<Style, String> {
            let s = SLOTS.iter().find(|s| s.name == name).expect("known slot");
            let spec = custom(name)
                .unwrap_or_else(|| if no_color { s.no_color } else { s.default }.to_string());
            let style = parse_style(&spec).map_err(|e| format!("theme.{name}: {e}"))?;
            Ok(if no_color {
                Style {
                    fg: None,
                    bg: None,
                    ..style
                }
            } else {
                style
            })
        };
        Ok(Theme {
            text: get("text")?,
            dim: get("dim")?,
            title: get("title")?,
            tab: get("tab")?,
            tab_active: get("tab_active")?,
            selected: get("selected")?,
            marked: get("marked")?,
            search_match: get("match")?,
            personal: get("personal")?,
            boilerplate: get("boilerplate")?,
            accept: get("accept")?,
            ignore: get("ignore")?,
            saving: get("saving")?,
            evidence: get("evidence")?,
            weight_personal: get("weight_personal")?,
            weight_boilerplate: get("weight_boilerplate")?,
            label: get("label")?,
            border: get("border")?,
            key: get("key")?,
            status: get("status")?,
            status_error: get("status_error")?,
            gauge: get("gauge")?,
            odd: get("odd")?,
        })
    }
}

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// Parse `"[modifiers] [colour] [on colour]"`; colours are names (`red`, `light_blue`,
/// `dark_gray`), `#rrggbb` or 0-255.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = spec.split_whitespace().peekable();
    let mut fg_set = false;
    while let Some(w) = words.next() {
        let lw = w.to_ascii_lowercase();
        if let Some((_, m)) = MODIFIERS.iter().find(|(n, _)| *n == lw) {
            style = style.add_modifier(*m);
        } else if lw == "on" {
            let c = words
                .next()
                .ok_or_else(|| format!("{spec:?}: \"on\" needs a colour after it"))?;
            style = style.bg(parse_color(c)?);
        } else if !fg_set {
            style = style.fg(parse_color(w)?);
            fg_set = true;
        } else {
            return Err(format!("{spec:?}: unexpected {w:?}"));
        }
    }
    Ok(style)
}

fn parse_color(s: &str) -> Result<Color, String> {
    Color::from_str(&s.replace('_', "")).map_err(|_| {
        format!(
            "unknown colour {s:?}: use a name (black, red, green, yellow, blue, magenta, cyan, \
             gray, dark_gray, light_red, ..., white), #rrggbb, or 0-255; or a modifier ({})",
            MODIFIERS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse() {
        let s = parse_style("bold black on light_yellow").unwrap();
        assert_eq!(s.fg, Some(Color::Black));
        assert_eq!(s.bg, Some(Color::LightYellow));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert_eq!(
            parse_style("#102030").unwrap().fg,
            Some(Color::Rgb(16, 32, 48))
        );
        assert!(
            parse_style("bold chartreuse")
                .unwrap_err()
                .contains("unknown colour")
        );
        assert!(parse_style("red on").is_err());
    }

    #[test]
    fn no_color_has_no_colours() {
        let t = Theme::build(true, |n| (n == "accept").then(|| "bold red".to_string())).unwrap();
        for s in [
            t.accept,
            t.selected,
            t.evidence,
            t.tab_active,
            t.status_error,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        assert!(t.accept.add_modifier.contains(Modifier::BOLD));
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
