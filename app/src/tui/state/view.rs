//! How an export is viewed (tab, sort, kind filter, connected toggle) as the opaque text the
//! store keeps per export, and applying it back, tolerant of older and newer apps.

use invitriage::model::Kind;

use super::{SortOrder, State, Tab};

impl State {
    /// Show `tab`, keeping the selected row if it is still shown, else going to the top.
    /// How this export is viewed (tab, sort, kind filter, connected toggle), as the text the
    /// store keeps per export, so a restart opens it the same way.
    pub fn view_settings(&self) -> String {
        serde_json::json!({
            "tab": self.tab.label(),
            "sort": self.sort.label(),
            "kind": self.kind_filter.map(|k| k.as_str()),
            "connected": self.show_connected,
        })
        .to_string()
    }

    /// Apply saved view settings; anything missing or unknown (an older or newer app) keeps
    /// its default.
    pub fn apply_view_settings(&mut self, saved: &str) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(saved) else {
            return;
        };
        if let Some(t) = v["tab"]
            .as_str()
            .and_then(|s| Tab::ALL.into_iter().find(|t| t.label() == s))
        {
            self.tab = t;
        }
        if let Some(s) = v["sort"].as_str() {
            let mut o = SortOrder::Newest;
            for _ in 0..4 {
                if o.label() == s {
                    self.sort = o;
                }
                o = o.next();
            }
        }
        if let Some(k) = v["kind"].as_str().and_then(Kind::parse) {
            self.kind_filter = Some(k);
        }
        if let Some(c) = v["connected"].as_bool() {
            self.show_connected = c;
        }
        self.selected = 0;
        self.scroll = 0;
        self.resort();
    }
}
