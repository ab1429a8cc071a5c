//! Messages above the playground: problems, confirmations, and warnings
//! about the latest run.

use super::state::{Action, Notice, Playground};
use super::timeline::scale::format_ms;
use yew::prelude::*;

/// Timers this much late (real ms) are worth a word: below it is the
/// ordinary jitter of a page.
const LATE_MS: f64 = 40.0;

/// Properties of [`Notices`]: what they say, worked out from the state by
/// [`NoticesProps::of`], so that a run's batch, which changes none of it,
/// does not draw them again.
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The message to show, with its Dismiss button.
    pub notice: Option<Notice>,
    /// Whether an example replaced the person's own tasks.
    pub replaced: bool,
    /// Whether the tab was hidden during the latest run.
    pub hidden: bool,
    /// How late the latest finished run's latest timer fired, when that is
    /// worth a word.
    pub late_ms: Option<f64>,
    /// Why the latest run could not finish.
    pub error: Option<String>,
    /// Where the buttons send their actions.
    pub dispatcher: UseReducerDispatcher<Playground>,
}

impl NoticesProps {
    /// The notices for the playground as it is.
    pub fn of(state: &UseReducerHandle<Playground>) -> Self {
        let run = state.run.as_ref();
        let hidden = run.is_some_and(|r| r.hidden_tab);
        NoticesProps {
            notice: state.notice.clone(),
            replaced: state.replaced.is_some(),
            hidden,
            // A hidden tab explains lateness on its own; otherwise a busy
            // page does.
            late_ms: run
                .filter(|r| r.is_finished() && !hidden)
                .map(|r| r.timer_lateness_ms())
                .filter(|ms| *ms > LATE_MS),
            error: run.and_then(|r| r.error.clone()),
            dispatcher: state.dispatcher(),
        }
    }
}

/// The notice, the hidden-tab warning and any run error.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    let NoticesProps {
        notice,
        replaced,
        hidden,
        late_ms,
        error,
        dispatcher,
    } = props;
    let dismiss = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::DismissNotice))
    };
    let bring_back = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::BringBack))
    };
    html! {
        <div class="notices">
            if let Some(notice) = notice {
                <div id="notice" class={classes!("notice", notice.problem.then_some("problem"))}
                    role={if notice.problem { "alert" } else { "status" }}>
                    <p>{ notice.text.clone() }</p>
                    <button type="button" class="secondary" onclick={dismiss} aria-label="Dismiss this message">{ "Dismiss" }</button>
                </div>
            }
            if *replaced {
                <div id="replaced" class="notice" role="status">
                    <p>{ "The example replaced your own tasks; they are kept until you load another." }</p>
                    <button type="button" id="bring-back" class="secondary" onclick={bring_back}>{ "Bring back my tasks" }</button>
                </div>
            }
            if *hidden {
                <div id="hidden-warning" class="notice warning" role="status">
                    <p><strong>{ "These times are not faithful. " }</strong>
                    { "The tab was hidden during the run, and browsers slow timers down in hidden tabs (to about once a second), so tasks settled late and perhaps out of order. Run again with the tab in view." }</p>
                </div>
            }
            if let Some(ms) = *late_ms {
                <div id="late-warning" class="notice warning" role="status">
                    <p><strong>{ "The page was busy. " }</strong>
                    { format!("A timer fired {} after its delay, so the times shown are later than the code asks for; the order of events is still the browser's own.", format_ms(ms)) }</p>
                </div>
            }
            if let Some(message) = error.clone() {
                <div id="run-error" class="notice problem" role="alert">
                    <p><strong>{ "The run could not finish. " }</strong>{ message }</p>
                </div>
            }
        </div>
    }
}
