//! Messages above the playground: problems, confirmations, and warnings
//! about the latest run.

use super::state::{Action, Playground};
use super::timeline::scale::format_ms;
use yew::prelude::*;

/// Timers this much late (real ms) are worth a word: below it is the
/// ordinary jitter of a page.
const LATE_MS: f64 = 40.0;

/// Properties of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The playground.
    pub state: UseReducerHandle<Playground>,
}

/// The notice, the hidden-tab warning and any run error.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    let state = &props.state;
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissNotice))
    };
    let bring_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::BringBack))
    };
    let hidden = state.run.as_ref().is_some_and(|r| r.hidden_tab);
    // A hidden tab explains lateness on its own; otherwise a busy page does.
    let late = state
        .run
        .as_ref()
        .filter(|r| r.is_finished() && !r.hidden_tab)
        .map(|r| r.timer_lateness_ms())
        .filter(|ms| *ms > LATE_MS);
    let error = state.run.as_ref().and_then(|r| r.error.clone());
    html! {
        <div class="notices">
            if let Some(notice) = &state.notice {
                <div id="notice" class={classes!("notice", notice.problem.then_some("problem"))}
                    role={if notice.problem { "alert" } else { "status" }}>
                    <p>{ notice.text.clone() }</p>
                    <button type="button" class="secondary" onclick={dismiss} aria-label="Dismiss this message">{ "Dismiss" }</button>
                </div>
            }
            if state.replaced.is_some() {
                <div id="replaced" class="notice" role="status">
                    <p>{ "The example replaced your own tasks; they are kept until you load another." }</p>
                    <button type="button" id="bring-back" class="secondary" onclick={bring_back}>{ "Bring back my tasks" }</button>
                </div>
            }
            if hidden {
                <div id="hidden-warning" class="notice warning" role="status">
                    <p><strong>{ "These times are not faithful. " }</strong>
                    { "The tab was hidden during the run, and browsers slow timers down in hidden tabs (to about once a second), so tasks settled late and perhaps out of order. Run again with the tab in view." }</p>
                </div>
            }
            if let Some(ms) = late {
                <div id="late-warning" class="notice warning" role="status">
                    <p><strong>{ "The page was busy. " }</strong>
                    { format!("A timer fired {} after its delay, so the times shown are later than the code asks for; the order of events is still the browser's own.", format_ms(ms)) }</p>
                </div>
            }
            if let Some(message) = error {
                <div id="run-error" class="notice problem" role="alert">
                    <p><strong>{ "The run could not finish. " }</strong>{ message }</p>
                </div>
            }
        </div>
    }
}
