//! The terminal backend the app draws through: crossterm's, with one fix for graphemes whose
//! width terminals and `unicode-width` disagree on ([`crate::tui::view::uncertain_width`]).
//! ratatui writes runs of cells without moving the cursor, trusting its own widths; after such a
//! grapheme this wrapper moves the cursor explicitly, so every later cell lands in its column
//! whatever width the terminal gave the grapheme. (The event loop also repaints in full while
//! one is on screen, so no cell it skipped can stay stale.) I/O: writes to the terminal.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::view::uncertain_width;

/// A backend that never lets a cell follow an uncertain-width grapheme without an explicit
/// cursor position.
pub struct ClusterSafe<B> {
    inner: B,
    /// Where the cursor was last put. The app hides the cursor on a full screen, so asking the
    /// terminal (a round trip whose answer the input thread would swallow) is never needed.
    cursor: Position,
}

impl<B: Backend> ClusterSafe<B> {
    pub fn new(inner: B) -> Self {
        ClusterSafe {
            inner,
            cursor: Position::ORIGIN,
        }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }
}

/// Split the cells to draw into runs that each end right after an uncertain grapheme, so the
/// inner backend positions the cursor at the start of every run. Pure.
pub fn runs(cells: Vec<(u16, u16, &Cell)>) -> Vec<Vec<(u16, u16, &Cell)>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for c in cells {
        let cut = uncertain_width(c.2.symbol());
        run.push(c);
        if cut {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

impl<B: Backend> Backend for ClusterSafe<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        for run in runs(content.collect()) {
            self.inner.draw(run.into_iter())?;
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

/// True when any cell of the buffer holds an uncertain-width grapheme.
pub fn has_uncertain(buffer: &ratatui::buffer::Buffer) -> bool {
    buffer.content().iter().any(|c| uncertain_width(c.symbol()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_ends_after_each_uncertain_grapheme() {
        let mut a = Cell::default();
        a.set_symbol("a");
        let mut mc = Cell::default();
        mc.set_symbol("সা");
        let cells = vec![(0, 0, &a), (1, 0, &mc), (3, 0, &a), (4, 0, &a), (5, 0, &mc)];
        let r = runs(cells);
        let xs: Vec<Vec<u16>> = r.iter().map(|r| r.iter().map(|c| c.0).collect()).collect();
        assert_eq!(xs, vec![vec![0, 1], vec![3, 4, 5]]);
    }
}
