//! Where each region of the screen is, for a terminal size: pure geometry over rects, shared
//! by drawing and by `update` (which keeps the result in the state on `Resize`), so a click
//! lands where the eye sees it. Imports nothing of the app.

use ratatui::layout::Rect;

/// Where each region of the main screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Rect,
    pub info: Rect,
    /// The column headings above the list (empty on short screens).
    pub list_header: Rect,
    pub list: Rect,
    pub detail: Option<Rect>,
    /// True when the detail pane sits right of the list (wide screens).
    pub side_by_side: bool,
    pub status: Rect,
    pub hints: Rect,
}

pub fn take_top(r: &mut Rect, h: u16) -> Rect {
    let h = h.min(r.height);
    let out = Rect::new(r.x, r.y, r.width, h);
    r.y = r.y.saturating_add(h);
    r.height -= h;
    out
}

pub fn take_bottom(r: &mut Rect, h: u16) -> Rect {
    let h = h.min(r.height);
    r.height -= h;
    Rect::new(r.x, r.y.saturating_add(r.height), r.width, h)
}

/// The layout of the main screen for a terminal of `area`. Used by both drawing and mouse
/// handling so a click lands where the eye sees it.
pub fn layout(area: Rect) -> Areas {
    let mut a = panes(area);
    // Column headings when the list keeps at least three rows under them.
    if a.list.height >= 4 {
        a.list_header = take_top(&mut a.list, 1);
    }
    a
}

fn panes(area: Rect) -> Areas {
    let mut rest = area;
    let h = area.height;
    let tabs = take_top(&mut rest, if h >= 2 { 1 } else { 0 });
    let info = take_top(&mut rest, if h >= 14 { 1 } else { 0 });
    let hints = take_bottom(&mut rest, if h >= 5 { 1 } else { 0 });
    let status = take_bottom(&mut rest, if h >= 3 { 1 } else { 0 });
    let body = rest;
    if area.width >= 100 && body.height >= 3 {
        let list_w = (body.width as u32 * 55 / 100) as u16;
        let list = Rect::new(body.x, body.y, list_w, body.height);
        let detail = Rect::new(
            body.x.saturating_add(list_w),
            body.y,
            body.width - list_w,
            body.height,
        );
        return Areas {
            tabs,
            info,
            list_header: Rect::new(body.x, body.y, 0, 0),
            list,
            detail: Some(detail),
            side_by_side: true,
            status,
            hints,
        };
    }
    if body.height >= 7 {
        let list_h = body.height.div_ceil(2);
        let list = Rect::new(body.x, body.y, body.width, list_h);
        let detail = Rect::new(body.x, body.y + list_h, body.width, body.height - list_h);
        return Areas {
            tabs,
            info,
            list_header: Rect::new(body.x, body.y, 0, 0),
            list,
            detail: Some(detail),
            side_by_side: false,
            status,
            hints,
        };
    }
    Areas {
        tabs,
        info,
        list_header: Rect::new(body.x, body.y, 0, 0),
        list: body,
        detail: None,
        side_by_side: false,
        status,
        hints,
    }
}

/// Centered rect of at most `w` x `h`, clamped to `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The big popups (profile, help) at the current size.
pub fn big_popup(area: Rect) -> Rect {
    let w = (area.width.saturating_sub(4)).clamp(area.width.min(20), 100);
    if area.height >= 8 {
        // Below the header, above the status line and the key hints: a message from a key
        // pressed in the popup ("Opening …") must show.
        let free = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
        return centered(free, w, free.height);
    }
    let h = area.height.saturating_sub(2).max(area.height.min(5));
    centered(area, w, h)
}

/// Lines of content a big popup shows at once on a `size` terminal (for paging).
pub fn popup_height(size: (u16, u16)) -> u16 {
    big_popup(Rect::new(0, 0, size.0, size.1))
        .height
        .saturating_sub(2)
}
