//! The playground's state and the one reducer that changes it.
//!
//! The reducer only folds [`Action`]s into a new state: starting the engine,
//! saving to storage and touching the clipboard happen in hooks and
//! callbacks, so every rule here is tested without side effects.

use super::draft::{DraftErrors, TaskDraft};
use crate::model::link::{Embed, Link, Theme, View};
use crate::model::presets::Preset;
use crate::model::run::RunRecord;
use crate::model::text::{self, ParseError};
use crate::model::{Combinator, Event, OutcomeKind, RunId, Scenario, StartKind};
use std::rc::Rc;
use yew::Reducible;

pub use crate::model::scenario::SPEEDS;

/// How many removals can be undone.
pub const UNDO_DEPTH: usize = 10;

/// A task that was removed, and where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// Its position when it was removed.
    pub index: usize,
    /// The row, as it was.
    pub draft: TaskDraft,
}

/// The scenario a first visit opens with.
pub const FIRST_PRESET: &str = "page-load";

/// Where the latest run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing has run yet.
    Idle,
    /// A run is under way.
    Running,
    /// The run ended: nothing more can settle.
    Finished,
    /// The run was stopped by hand.
    Stopped,
}

impl Phase {
    /// Its name, for the page's `data-run-state` (styling and tests).
    pub fn attr(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Running => "running",
            Phase::Finished => "finished",
            Phase::Stopped => "stopped",
        }
    }
}

/// A message above the playground.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Whether it reports a problem (as opposed to information).
    pub problem: bool,
    /// What to say.
    pub text: String,
}

/// The text view's own state: what is being typed there, and why it could
/// not be applied.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextDraft {
    /// The text, while it differs from the tasks; `None` shows the tasks.
    pub editing: Option<String>,
    /// Why the last apply failed.
    pub error: Option<ParseError>,
    /// Whether the text is what this browser had stored and could not
    /// read: it stays stored, not written over, until it is replaced.
    pub stored: bool,
}

/// Everything the playground shows.
#[derive(Debug, Clone)]
pub struct Playground {
    /// The editor's rows, in input order. Shared: replaced only when a row
    /// changes, so that what draws them can tell at a glance.
    pub tasks: Rc<Vec<TaskDraft>>,
    /// How the tasks are combined.
    pub combinator: Combinator,
    /// The timer speed factor.
    pub speed: f64,
    /// Whether a run aborts the tasks still at work when it settles.
    pub abort_rest: bool,
    /// The text view.
    pub text: TextDraft,
    /// The preset the tasks came from, until they are edited.
    pub preset: Option<&'static Preset>,
    /// A message for the person, if any.
    pub notice: Option<Notice>,
    /// The person's own tasks, while an example or a link replaces them.
    pub replaced: Option<Scenario>,
    /// Tasks removed, the latest last, to be put back (at most
    /// [`UNDO_DEPTH`]); replacing the tasks forgets them.
    pub removed: Vec<Removed>,
    /// Set when the playground is embedded in another page: the compact
    /// layout, no storage, and the message API.
    pub embed: Option<Embed>,
    /// The colour theme.
    pub theme: Theme,
    /// How the run is shown.
    pub view: View,
    /// The latest run, as far as it got. Shared, so that the many actions
    /// that do not touch it (every edit) do not copy a big run.
    pub run: Option<Rc<RunRecord>>,
    /// When the latest run was stopped by hand, in real ms since it began.
    pub stopped: Option<f64>,
    /// How many times the six ways were asked to run side by side: the
    /// compare view runs them again when it changes.
    pub compare_round: u32,
    /// A replay of the latest run, stopped at a step: how many of its
    /// events are shown, and the run as it stood then.
    pub replay: Option<(usize, Rc<RunRecord>)>,
    next_id: u32,
    /// Counts the changes to what is kept in the browser (the tasks, the
    /// example, the tasks put aside, the text being mended), so that saving
    /// can wait for a pause instead of writing on every render.
    pub revision: u64,
    /// The tasks compiled into a scenario. Many components ask for it on
    /// every render (a 10 000-task set takes milliseconds to compile), so
    /// it is kept, and rebuilt only by actions that change the tasks.
    compiled: Rc<Compiled>,
}

/// Whether two shared values are equal, asking the pointers first: the same
/// `Rc` is the same value, with no walk through 10 000 tasks.
fn same<T: PartialEq>(a: &Rc<T>, b: &Rc<T>) -> bool {
    Rc::ptr_eq(a, b) || **a == **b
}

/// Every component that takes the playground compares it on each render,
/// so the cheap fields go first, and what is shared is compared by pointer
/// before by value. A run that grew differs in its number of events.
impl PartialEq for Playground {
    fn eq(&self, other: &Self) -> bool {
        // Named in full, so that a new field cannot be left out unnoticed.
        let Playground {
            tasks,
            combinator,
            speed,
            abort_rest,
            text,
            preset,
            notice,
            replaced,
            removed,
            embed,
            theme,
            view,
            run,
            stopped,
            compare_round,
            replay,
            next_id,
            revision,
            compiled,
        } = self;
        let runs = match (run, &other.run) {
            (Some(a), Some(b)) => {
                Rc::ptr_eq(a, b) || (a.events.len() == b.events.len() && **a == **b)
            }
            (a, b) => a.is_none() && b.is_none(),
        };
        *revision == other.revision
            && *compare_round == other.compare_round
            && replay.as_ref().map(|r| r.0) == other.replay.as_ref().map(|r| r.0)
            && *next_id == other.next_id
            && *speed == other.speed
            && *abort_rest == other.abort_rest
            && *combinator == other.combinator
            && *stopped == other.stopped
            && *view == other.view
            && *theme == other.theme
            && *embed == other.embed
            && *preset == other.preset
            && *notice == other.notice
            && runs
            && *removed == other.removed
            && same(tasks, &other.tasks)
            && *text == other.text
            && *replaced == other.replaced
            && same(compiled, &other.compiled)
    }
}

/// The scenario the rows describe, or each invalid row's problems (by id).
pub type Compiled = Result<Scenario, Vec<(u32, DraftErrors)>>;

impl Default for Playground {
    fn default() -> Self {
        let preset = Preset::find(FIRST_PRESET);
        let mut state =
            Playground::with_scenario(&preset.map(Preset::scenario).unwrap_or_default());
        state.preset = preset;
        state
    }
}

/// What can happen to the playground.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Append a new task.
    AddTask,
    /// Remove a task.
    RemoveTask { id: u32 },
    /// Put back the task removed last, where it was.
    UndoRemove,
    /// Insert a copy right after a task.
    DuplicateTask { id: u32 },
    /// Move a task one place up (`-1`) or down (`1`).
    MoveTask { id: u32, by: isize },
    /// Change one field of a task, as typed.
    Edit { id: u32, edit: Edit },
    /// Set a timer task's delay (from the timeline).
    SetDelay { id: u32, ms: u32 },
    /// Choose how tasks are combined.
    Choose { combinator: Combinator },
    /// Set the timer speed factor.
    SetSpeed { speed: f64 },
    /// Abort (or not) the tasks still at work when a run settles.
    SetAbortRest { on: bool },
    /// Type in the text view.
    EditText { text: String },
    /// Apply the text view to the tasks.
    ApplyText,
    /// Drop the text view's edits.
    RevertText,
    /// Replace everything with a preset.
    LoadPreset { id: &'static str },
    /// Bring back the person's own tasks that a preset replaced.
    BringBack,
    /// Replace everything with a scenario, with something to say about it.
    Load {
        scenario: Scenario,
        notice: Option<Notice>,
    },
    /// Open a scenario from a link: like an example, it puts the person's
    /// own tasks aside to be brought back.
    Open { scenario: Scenario },
    /// Follow a link: its scenario, its options, and a word on whatever in
    /// it could not be used.
    FollowLink { link: Link },
    /// Choose the colour theme.
    SetTheme { theme: Theme },
    /// Choose how the run is shown.
    SetView { view: View },
    /// Run the six ways side by side (again).
    RunCompare,
    /// Show the latest run as it stood after `step` of its events; `None`
    /// goes back to the whole run.
    Replay { step: Option<usize> },
    /// Keep a text that could not be read in the text view, and say why.
    Rescue {
        text: String,
        notice: Notice,
        /// Whether the text came from this browser's storage.
        stored: bool,
    },
    /// Show a message.
    Notify { notice: Notice },
    /// Hide the message.
    DismissNotice,
    /// A run began.
    RunStarted {
        run: RunId,
        scenario: Scenario,
        speed: f64,
    },
    /// The engine reported something (events arrive in batches, at most
    /// one batch a frame, so a 10 000-task run does not re-render per event).
    Engine { events: Vec<Event> },
    /// The run was stopped by hand, `at_ms` real ms after it began.
    Stopped { at_ms: f64 },
}

/// A change to one field of a task.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The label.
    Label(String),
    /// The start kind.
    Start(StartKind),
    /// The delay, as typed.
    Delay(String),
    /// The outcome.
    Outcome(OutcomeKind),
    /// The value or reason, as typed.
    Value(String),
}

impl Playground {
    /// A playground holding `scenario`.
    pub fn with_scenario(scenario: &Scenario) -> Self {
        let tasks: Vec<TaskDraft> = (0u32..)
            .zip(&scenario.tasks)
            .map(|(id, t)| TaskDraft::from_task(id, t))
            .collect();
        Playground {
            next_id: tasks.len() as u32,
            tasks: Rc::new(tasks),
            combinator: scenario.combinator,
            speed: 1.0,
            abort_rest: false,
            text: TextDraft::default(),
            preset: None,
            notice: None,
            replaced: None,
            revision: 0,
            removed: Vec::new(),
            embed: None,
            theme: Theme::Auto,
            view: View::Timeline,
            run: None,
            stopped: None,
            compare_round: 0,
            replay: None,
            compiled: Rc::new(Ok(scenario.clone())),
        }
    }

    /// The compiled tasks, shared: the same `Rc` until the tasks change.
    pub fn compiled(&self) -> Rc<Compiled> {
        Rc::clone(&self.compiled)
    }

    /// The run as it is shown: the latest run, or the step of it a replay
    /// stopped at.
    pub fn shown_run(&self) -> Option<Rc<RunRecord>> {
        match &self.replay {
            Some((_, at)) => Some(Rc::clone(at)),
            None => self.run.clone(),
        }
    }

    /// The scenario the editor describes, or each row's problems (by id).
    pub fn scenario(&self) -> Result<&Scenario, &[(u32, DraftErrors)]> {
        self.compiled.as_ref().as_ref().map_err(Vec::as_slice)
    }

    fn compile(&self) -> Compiled {
        let mut tasks = Vec::with_capacity(self.tasks.len());
        let mut problems = Vec::new();
        for draft in self.tasks.iter() {
            match draft.compile() {
                Ok(task) => tasks.push(task),
                Err(errors) => problems.push((draft.id, errors)),
            }
        }
        if problems.is_empty() {
            Ok(Scenario::new(self.combinator, tasks))
        } else {
            Err(problems)
        }
    }

    /// What the text view shows: the typed text, else the tasks' text form.
    pub fn text_view(&self) -> Option<String> {
        match &self.text.editing {
            Some(text) => Some(text.clone()),
            None => self.scenario().ok().map(text::format),
        }
    }

    /// Where the latest run stands.
    pub fn phase(&self) -> Phase {
        match &self.run {
            None => Phase::Idle,
            Some(_) if self.stopped.is_some() => Phase::Stopped,
            Some(run) if run.is_finished() => Phase::Finished,
            Some(_) => Phase::Running,
        }
    }

    /// Whether a run is under way.
    pub fn is_running(&self) -> bool {
        self.phase() == Phase::Running
    }

    /// The latest run, once it has finished (what a prediction is scored on).
    pub fn finished_run(&self) -> Option<Rc<RunRecord>> {
        self.run
            .clone()
            .filter(|r| r.is_finished() && !self.is_running())
    }

    /// The latest run, when there is one to replay: over, with events.
    pub fn replayable_run(&self) -> Option<Rc<RunRecord>> {
        self.run
            .clone()
            .filter(|r| !self.is_running() && !r.events.is_empty())
    }

    fn position(&self, id: u32) -> Option<usize> {
        self.tasks.iter().position(|t| t.id == id)
    }

    fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// Before `incoming` replaces the tasks, keeps the person's own (not an
    /// example's, and not tasks that are the same) to be brought back. Tasks
    /// put aside earlier stay put aside.
    fn put_aside(&mut self, incoming: &Scenario) {
        let own = self
            .preset
            .is_none()
            .then(|| self.scenario().ok().cloned())
            .flatten()
            .filter(|own| own != incoming);
        self.replaced = own.or(self.replaced.take());
    }

    fn replace(&mut self, scenario: &Scenario) {
        let fresh = Playground::with_scenario(scenario);
        let base = self.next_id + 1;
        self.tasks = Rc::new(
            fresh
                .tasks
                .iter()
                .map(|t| TaskDraft {
                    id: t.id + base,
                    ..t.clone()
                })
                .collect(),
        );
        self.next_id = base + self.tasks.len() as u32;
        self.combinator = scenario.combinator;
        self.text = TextDraft::default();
        self.preset = None;
        self.removed.clear();
    }

    /// Applies what `link` asks for.
    fn follow(&mut self, link: Link) {
        self.embed = link.embed;
        if let Some(scenario) = link.scenario {
            self.apply(Action::Open { scenario });
        } else if let Some(preset) = link.preset {
            self.apply(Action::LoadPreset { id: preset.id });
        }
        if let Some(speed) = link.speed {
            self.apply(Action::SetSpeed { speed });
        }
        if let Some(on) = link.abort {
            self.apply(Action::SetAbortRest { on });
        }
        if let Some(view) = link.view {
            self.apply(Action::SetView { view });
        }
        if let Some(theme) = link.theme {
            self.apply(Action::SetTheme { theme });
        }
        if link.problems.is_empty() {
            return;
        }
        let problems: Vec<String> = link.problems.iter().map(ToString::to_string).collect();
        let mut text = format!(
            "This link could not be opened as it is: {}.",
            problems.join("; ")
        );
        match link.unread_text {
            Some(unread) if self.embed.is_none() => {
                text.push_str(" Its scenario is in the text view below, to mend.");
                let notice = Notice {
                    problem: true,
                    text,
                };
                self.apply(Action::Rescue {
                    text: unread,
                    notice,
                    stored: false,
                });
            }
            _ => {
                text.push_str(if self.embed.is_some() {
                    " The tasks shown are not the link's."
                } else {
                    " The tasks shown are the ones you had."
                });
                self.apply(Action::Notify {
                    notice: Notice {
                        problem: true,
                        text,
                    },
                });
            }
        }
    }

    /// Applies one action. Returns whether anything changed.
    pub fn apply(&mut self, action: Action) -> bool {
        // Editing the tasks makes them the person's own, not the preset's.
        let edits = matches!(
            action,
            Action::AddTask
                | Action::RemoveTask { .. }
                | Action::UndoRemove
                | Action::DuplicateTask { .. }
                | Action::MoveTask { .. }
                | Action::Edit { .. }
                | Action::SetDelay { .. }
        );
        let reshapes = edits
            || matches!(
                action,
                Action::Choose { .. }
                    | Action::ApplyText
                    | Action::LoadPreset { .. }
                    | Action::BringBack
                    | Action::Load { .. }
                    | Action::Open { .. }
                    | Action::FollowLink { .. }
            );
        if edits {
            self.preset = None;
        }
        // What a run, a message or a display choice changes is not kept.
        let kept = !matches!(
            action,
            Action::Engine { .. }
                | Action::RunStarted { .. }
                | Action::Stopped { .. }
                | Action::Notify { .. }
                | Action::DismissNotice
                | Action::SetSpeed { .. }
                | Action::SetAbortRest { .. }
                | Action::SetView { .. }
                | Action::RunCompare
                | Action::Replay { .. }
                | Action::SetTheme { .. }
        );
        let changed = self.fold(action);
        if changed && reshapes {
            self.compiled = Rc::new(self.compile());
        }
        if changed && kept {
            self.revision = self.revision.wrapping_add(1);
        }
        changed
    }

    fn fold(&mut self, action: Action) -> bool {
        match action {
            Action::AddTask => {
                let id = self.fresh_id();
                let n = self.tasks.len() + 1;
                Rc::make_mut(&mut self.tasks).push(TaskDraft::new_task(id, n));
            }
            Action::RemoveTask { id } => {
                let Some(index) = self.position(id) else {
                    return false;
                };
                let draft = Rc::make_mut(&mut self.tasks).remove(index);
                self.removed.push(Removed { index, draft });
                if self.removed.len() > UNDO_DEPTH {
                    self.removed.remove(0);
                }
            }
            Action::UndoRemove => {
                let Some(Removed { index, draft }) = self.removed.pop() else {
                    return false;
                };
                let at = index.min(self.tasks.len());
                Rc::make_mut(&mut self.tasks).insert(at, draft);
            }
            Action::DuplicateTask { id } => {
                let Some(i) = self.position(id) else {
                    return false;
                };
                let copy = TaskDraft {
                    id: self.fresh_id(),
                    ..self.tasks[i].clone()
                };
                Rc::make_mut(&mut self.tasks).insert(i + 1, copy);
            }
            Action::MoveTask { id, by } => {
                let Some(i) = self.position(id) else {
                    return false;
                };
                let Some(j) = i.checked_add_signed(by).filter(|j| *j < self.tasks.len()) else {
                    return false;
                };
                Rc::make_mut(&mut self.tasks).swap(i, j);
            }
            Action::Edit { id, edit } => {
                let Some(i) = self.position(id) else {
                    return false;
                };
                let task = &mut Rc::make_mut(&mut self.tasks)[i];
                match edit {
                    Edit::Label(s) => task.label = s,
                    Edit::Start(k) => task.start = k,
                    Edit::Delay(s) => task.delay = s,
                    Edit::Outcome(k) => task.set_outcome(k),
                    Edit::Value(s) => task.value = s,
                }
            }
            Action::SetDelay { id, ms } => {
                let Some(i) = self.position(id) else {
                    return false;
                };
                Rc::make_mut(&mut self.tasks)[i].delay = ms.to_string();
            }
            Action::Choose { combinator } => {
                self.combinator = combinator;
                self.preset = None;
            }
            Action::SetSpeed { speed } => self.speed = speed,
            Action::EditText { text } => {
                // The old error pointed into the old text.
                self.text.error = None;
                self.text.editing = Some(text);
            }
            Action::ApplyText => {
                let Some(typed) = self.text.editing.clone() else {
                    return false;
                };
                match text::parse(&typed) {
                    Ok(scenario) => self.replace(&scenario),
                    Err(error) => self.text.error = Some(error),
                }
            }
            Action::RevertText => self.text = TextDraft::default(),
            Action::LoadPreset { id } => {
                let Some(preset) = Preset::find(id) else {
                    return false;
                };
                self.put_aside(&preset.scenario());
                self.replace(&preset.scenario());
                self.preset = Some(preset);
                self.notice = None;
            }
            Action::Open { scenario } => {
                self.put_aside(&scenario);
                self.replace(&scenario);
            }
            Action::FollowLink { link } => self.follow(link),
            Action::SetTheme { theme } => self.theme = theme,
            Action::SetView { view } => self.view = view,
            Action::SetAbortRest { on } => self.abort_rest = on,
            Action::RunCompare => self.compare_round = self.compare_round.wrapping_add(1),
            Action::Replay { step } => {
                let Some(run) = &self.run else {
                    return false;
                };
                // The last step is the run itself.
                self.replay = step
                    .filter(|&k| k < run.events.len())
                    .map(|k| (k, Rc::new(run.until(k))));
            }
            Action::BringBack => {
                let Some(own) = self.replaced.take() else {
                    return false;
                };
                self.replace(&own);
            }
            Action::Load { scenario, notice } => {
                self.replace(&scenario);
                self.notice = notice;
            }
            Action::Rescue {
                text,
                notice,
                stored,
            } => {
                self.text.stored = stored;
                self.text.error = text::parse(&text).err();
                self.text.editing = Some(text);
                self.notice = Some(notice);
            }
            Action::Notify { notice } => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::RunStarted {
                run,
                scenario,
                speed,
            } => {
                self.stopped = None;
                self.replay = None;
                // A problem that stopped an earlier run is behind us.
                if self.notice.as_ref().is_some_and(|n| n.problem) {
                    self.notice = None;
                }
                self.run = Some(Rc::new(RunRecord::new(run, scenario, speed)));
            }
            Action::Engine { events } => {
                // A superseded run's stragglers change nothing.
                let Some(record) = self.run.as_mut().map(Rc::make_mut) else {
                    return false;
                };
                if self.stopped.is_some() {
                    return false;
                }
                let applied = events
                    .into_iter()
                    .map(|e| record.apply(e))
                    .filter(|ok| *ok)
                    .count();
                if applied == 0 {
                    return false;
                }
            }
            Action::Stopped { at_ms } => self.stopped = Some(at_ms),
        }
        true
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.apply(action) {
            Rc::new(next)
        } else {
            self
        }
    }
}
