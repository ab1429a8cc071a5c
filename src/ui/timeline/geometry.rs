//! Where things go in the timeline: a head (the mark's label and the axis),
//! drawn in an SVG of its own that stays in view while the lanes scroll,
//! and the lanes, one per task, with the x positions of each bar, marker,
//! note and delay handle.
//!
//! Labels are never cut: the label column grows to fit the longest label
//! while it takes at most two fifths of the width; past that, each label
//! goes on a line of its own above its bar, which then has the full width.
//!
//! The SVGs use one viewBox unit per CSS pixel (see `width.rs`), so sizes
//! here are pixels too.

use super::scale::{text_width, wrap, Scale};
use super::view::{End, Outcome, Status, TaskLine};

/// The baseline of the combinator mark's label, in the head.
pub const MARK_LABEL_Y: f64 = 14.0;
/// The baseline of the tick labels, in the head.
pub const TICK_LABEL_Y: f64 = 36.0;
/// The axis line, in the head.
pub const AXIS_Y: f64 = 42.0;
/// The head's height.
pub const HEAD_H: f64 = 44.0;
/// Where the first lane starts, in the lanes' SVG.
pub const LANES_TOP: f64 = 2.0;
/// The height of a lane with its label beside the bar.
const LANE_H: f64 = 32.0;
/// The height of a lane with its label above the bar.
const STACKED_LANE_H: f64 = 44.0;
/// The size of the label text.
pub const LABEL_FONT: f64 = 12.5;
/// Where the label starts, after the task number.
pub const LABEL_X: f64 = 28.0;
/// The narrowest label column.
const MIN_LABEL_W: f64 = 96.0;
/// The most of the width the label column may take.
const MAX_LABEL_SHARE: f64 = 0.4;
/// Room below the last lane.
pub const BOTTOM_PAD: f64 = 8.0;
/// Room right of the axis end, for the last tick label and marker.
const RIGHT_PAD: f64 = 26.0;
/// The size of note text.
pub const NOTE_FONT: f64 = 11.0;
/// How far the delay grip reaches either side of the marker it sits on
/// (`handle.rs` draws it): whatever else goes beside a marker starts past
/// this, in every lane, so nothing moves when the grip comes and goes.
pub const GRIP_REACH: f64 = 15.0;
/// Half the width of the unhandled-rejection warning (`shapes::warning`).
const WARN_HALF_W: f64 = 8.5;
/// The least gap between things drawn side by side in a lane.
const GAP: f64 = 3.0;
/// Where a note starts past whatever it follows.
const NOTE_GAP: f64 = 4.0;
/// How far a lane's tick stays from the combinator's mark line.
const MARK_CLEARANCE: f64 = 5.0;

/// The size of the message shown where the lanes would be.
pub const MESSAGE_FONT: f64 = 13.0;
/// The distance between the baselines of the message's lines.
const MESSAGE_LINE_H: f64 = 17.0;
/// The left margin of a message too long for one line beside the axis.
const MESSAGE_LEFT: f64 = 12.0;

/// The layout for a given width and set of labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The whole width.
    pub width: f64,
    /// The label column's width; the plot starts there. With labels above
    /// the bars, only the task numbers' width.
    pub label_w: f64,
    /// Whether labels go above the bars rather than beside them.
    pub stacked: bool,
}

impl Frame {
    /// The layout for `width` when the longest label is `longest_label`
    /// pixels wide: beside the bars when the column it needs takes at most
    /// two fifths of the width, else above them.
    pub fn new(width: f64, longest_label: f64) -> Frame {
        let needed = LABEL_X + longest_label + 10.0;
        if needed <= width * MAX_LABEL_SHARE {
            Frame {
                width,
                label_w: needed.max(MIN_LABEL_W),
                stacked: false,
            }
        } else {
            Frame {
                width,
                label_w: LABEL_X,
                stacked: true,
            }
        }
    }

    /// The height of one lane.
    pub fn lane_h(&self) -> f64 {
        if self.stacked {
            STACKED_LANE_H
        } else {
            LANE_H
        }
    }

    /// The top of lane `row`.
    pub fn lane_top(&self, row: usize) -> f64 {
        LANES_TOP + row as f64 * self.lane_h()
    }

    /// The line a lane's bar and marks sit on, from the lane's top.
    pub fn bar_line(&self) -> f64 {
        if self.stacked {
            STACKED_LANE_H - 14.0
        } else {
            LANE_H / 2.0
        }
    }

    /// The baseline of a lane's label, from the lane's top.
    pub fn label_line(&self) -> f64 {
        if self.stacked {
            13.0
        } else {
            LANE_H / 2.0 + 4.0
        }
    }

    /// Where the axis starts (0 ms).
    pub fn plot_left(&self) -> f64 {
        self.label_w
    }

    /// Where the axis ends.
    pub fn plot_right(&self) -> f64 {
        (self.width - RIGHT_PAD).max(self.label_w + 40.0)
    }

    /// The lanes' SVG's height for `rows` lanes.
    pub fn height(&self, rows: usize) -> f64 {
        LANES_TOP + rows.max(1) as f64 * self.lane_h() + BOTTOM_PAD
    }
}

/// A message where the lanes would be, such as what an empty input does.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageGeom {
    /// Where its lines start.
    pub x: f64,
    /// The first line's baseline.
    pub y: f64,
    /// The distance between baselines.
    pub line_h: f64,
    /// Its lines; joined, they give the message back.
    pub lines: Vec<String>,
}

impl MessageGeom {
    /// Lays `words` out: on one line from the axis's start when it fits
    /// there, else wrapped from the left edge (with no lanes there are no
    /// labels to keep clear of), as on a phone.
    pub fn new(words: &str, frame: &Frame) -> MessageGeom {
        let y = frame.lane_top(0) + 20.0;
        let right = frame.width - 8.0;
        let x = if frame.plot_left() + text_width(words, MESSAGE_FONT) <= right {
            frame.plot_left()
        } else {
            MESSAGE_LEFT
        };
        MessageGeom {
            x,
            y,
            line_h: MESSAGE_LINE_H,
            lines: wrap(words, right - x, MESSAGE_FONT),
        }
    }

    /// How tall the SVG must be to hold it.
    pub fn height(&self) -> f64 {
        let last = self.y + self.line_h * self.lines.len().saturating_sub(1) as f64;
        // Room for descenders, then the usual pad.
        last + 5.0 + BOTTOM_PAD
    }
}

/// A lane's bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarGeom {
    /// Where it starts.
    pub x0: f64,
    /// Where it ends.
    pub x1: f64,
    /// Where the combinator settled, when that falls inside the bar: the
    /// rest of the bar ran for nothing.
    pub split: Option<f64>,
    /// Whether it never ends (drawn dashed to the edge).
    pub open: bool,
    /// Whether the run was stopped while it ran (it ends there, capped).
    pub stopped: bool,
    /// Whether its work was aborted (it ends there, with a cross).
    pub aborted: bool,
    /// Still running: drawn to the axis end on the live layer, which shows
    /// it only up to the clock (see `live.rs`).
    pub live: bool,
}

/// A settle marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarkerGeom {
    /// Where.
    pub x: f64,
    /// A rejection (diamond with a cross) rather than a fulfilment (circle
    /// with a check).
    pub rejected: bool,
    /// Drawn in outline: a prediction.
    pub planned: bool,
}

/// Words written in a lane.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteGeom {
    /// Where the text is anchored.
    pub x: f64,
    /// Anchored by its end (it sits left of `x`).
    pub end_anchor: bool,
    /// What it says.
    pub text: String,
    /// Whether it warns (unhandled rejections) rather than informs.
    pub warn: bool,
}

/// Everything positioned in one lane.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneGeom {
    /// The lane's top.
    pub top: f64,
    /// The lane's height.
    pub height: f64,
    /// The line the bar and marks sit on.
    pub cy: f64,
    /// The label's baseline.
    pub label_y: f64,
    /// The bar, if the task started.
    pub bar: Option<BarGeom>,
    /// The settle marker, if it settled.
    pub marker: Option<MarkerGeom>,
    /// The unhandled-rejection warning.
    pub warn_x: Option<f64>,
    /// The moment a late handler came.
    pub late_x: Option<f64>,
    /// The words after the marker.
    pub note: Option<NoteGeom>,
    /// The delay handle.
    pub knob_x: Option<f64>,
}

/// Lays out `line` in lane `row`; `mark` is when the combinator settled.
pub fn lane_geom(
    line: &TaskLine,
    row: usize,
    scale: &Scale,
    mark: Option<f64>,
    frame: &Frame,
) -> LaneGeom {
    let bar = line.start.zip(line.end).map(|(start, end)| {
        let end_ms = match end {
            End::Settled(t) => t,
            End::Now | End::Open => f64::INFINITY,
            End::Stopped(t) | End::Cursor(t) | End::Aborted(t) => t.max(start),
        };
        BarGeom {
            x0: scale.x(start),
            x1: scale.x(end_ms),
            // An aborted task stopped as the combinator settled: no time
            // ran on after the mark for nothing.
            split: mark
                .filter(|m| *m > start && end_ms > *m && !matches!(end, End::Aborted(_)))
                .map(|m| scale.x(m)),
            open: end == End::Open,
            stopped: matches!(end, End::Stopped(_)),
            aborted: matches!(end, End::Aborted(_)),
            live: end == End::Now,
        }
    });
    let marker = line.settled_at().map(|t| MarkerGeom {
        x: scale.x(t),
        rejected: line.outcome == Outcome::Rejected,
        planned: line.status == Status::Planned,
    });
    // The warning sits just after the marker it belongs to, clear of the
    // grip on it; the late handler's tick comes after the warning, which it
    // follows in time. Both are pushed right, never left.
    let warn_x = line.unhandled.map(|t| {
        let clear = marker.map_or(0.0, |m| m.x + GRIP_REACH + GAP + WARN_HALF_W);
        scale.x(t).max(clear)
    });
    let late_x = line.handled_late_at.map(|t| {
        let clear = match (warn_x, marker) {
            (Some(w), _) => w + WARN_HALF_W + GAP,
            (None, Some(m)) => m.x + GRIP_REACH + GAP,
            (None, None) => 0.0,
        };
        let x = scale.x(t).max(clear);
        // A late handler often comes with the loop's own settling: the two
        // lines would be one, so the tick steps aside from the mark's line.
        match mark.map(|m| scale.x(m)) {
            Some(m) if (x - m).abs() < MARK_CLEARANCE => m + MARK_CLEARANCE,
            _ => x,
        }
    });
    // After a run the grip sits on the marker of what happened, not a few
    // ms before it where the plan had the timer firing.
    let knob_x = line.knob.map(|k| match marker {
        Some(m) if !m.planned => m.x,
        _ => scale.x(k.start_ms + f64::from(k.delay_ms)),
    });
    let top = frame.lane_top(row);
    let mut geom = LaneGeom {
        top,
        height: frame.lane_h(),
        cy: top + frame.bar_line(),
        label_y: top + frame.label_line(),
        bar,
        marker,
        warn_x,
        late_x,
        note: None,
        knob_x,
    };
    geom.note = note(line, &geom, scale, frame);
    geom
}

/// The words in a lane, placed around everything else in it.
fn note(line: &TaskLine, geom: &LaneGeom, scale: &Scale, frame: &Frame) -> Option<NoteGeom> {
    let LaneGeom {
        bar,
        marker,
        warn_x,
        late_x,
        knob_x,
        ..
    } = *geom;
    let warn = line.unhandled.is_some() || line.handled_late;
    let Some(marker) = marker else {
        // No marker: a tag such as "pending" at the open end, or
        // "not started" where the bar would have begun.
        let text = line.tag?.to_string();
        let w = text_width(&text, NOTE_FONT);
        return Some(match bar {
            Some(b) if b.open => {
                // A stopped timer's grip may sit near the end: keep left of it.
                let end = scale.right - 2.0;
                let x = match knob_x {
                    Some(k) if k + GRIP_REACH + NOTE_GAP > end - w => k - GRIP_REACH - NOTE_GAP,
                    _ => end,
                };
                NoteGeom {
                    x,
                    end_anchor: true,
                    text,
                    warn,
                }
            }
            Some(b) => NoteGeom {
                x: b.x1 + 8.0,
                end_anchor: false,
                text,
                warn,
            },
            None => NoteGeom {
                x: scale.left + 6.0,
                end_anchor: false,
                text,
                warn,
            },
        });
    };
    let notes = line.notes();
    let first = *notes.first()?;
    // Past the grip and the warning; past the late tick too when it would
    // cut the first letters (further off, the note's halo crosses it).
    let mut after = (marker.x + GRIP_REACH).max(warn_x.map_or(0.0, |w| w + WARN_HALF_W)) + NOTE_GAP;
    if let Some(late) = late_x.filter(|l| *l > marker.x && *l < after + 2.0 * NOTE_GAP) {
        after = after.max(late + NOTE_GAP);
    }
    let before = marker.x - GRIP_REACH - NOTE_GAP;
    // Right of the marker if there is room, else left of it (crossing the
    // bar: a halo keeps it legible); on a narrow screen, only the first note.
    let full = notes.join(" · ");
    let short = if notes.len() > 1 {
        format!("{first} …")
    } else {
        full.clone()
    };
    // Warnings are bold, and bold text runs wider.
    let widen = if warn { 1.12 } else { 1.0 };
    for text in [full, short] {
        let w = text_width(&text, NOTE_FONT) * widen;
        if after + w <= frame.width - 4.0 {
            return Some(NoteGeom {
                x: after,
                end_anchor: false,
                text,
                warn,
            });
        }
        if before - w >= scale.left - 4.0 {
            return Some(NoteGeom {
                x: before,
                end_anchor: true,
                text,
                warn,
            });
        }
    }
    Some(NoteGeom {
        x: frame.width - 4.0,
        end_anchor: true,
        text: first.to_string(),
        warn,
    })
}
