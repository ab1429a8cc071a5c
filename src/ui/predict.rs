//! Predict, then run: the learner commits to how the combinator ends, with
//! what, which task decides it and roughly when; the run that follows is
//! scored part by part, each miss explained in a sentence. Guided
//! challenges load a scenario and a question; the ones solved are kept in
//! the browser.

use super::chunk::{load, use_chunk, use_preload, Chunk, LoadFailed, View};
use super::fold::{use_fold, Fold};
use super::shared::Shared;
use super::state::{Action, Compiled, Playground};
use super::storage;
use crate::model::challenges::{Challenge, CHALLENGES};
use crate::model::guess::{choices, score, Choice, Ending, Facts, Guess, Mark};
use crate::model::predict::predict;
use crate::model::run::RunRecord;
use crate::model::{RunId, Scenario};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Past this many tasks the panel offers no prediction: the choices would
/// be too many to read.
const MAX_TASKS: usize = 50;

/// Properties of [`PredictPanel`]: only what changes between runs, so that
/// a run's batches of events do not draw it again.
#[derive(Properties, PartialEq, Clone)]
pub struct PredictProps {
    /// The tasks, or the problems that keep them from running.
    pub compiled: Shared<Compiled>,
    /// The latest run once it is over.
    pub finished: Option<Shared<RunRecord>>,
    /// The latest run's id (0 before any).
    pub last_run: RunId,
    /// Starts a run of the tasks being edited (the same callback always).
    pub run: Callback<()>,
    /// Where a challenge's tasks go.
    pub dispatcher: UseReducerDispatcher<Playground>,
    /// Whether the fold starts open (a link's `view=predict`).
    #[prop_or_default]
    pub open: bool,
}

/// A prediction committed before a run.
#[derive(Debug, Clone, PartialEq)]
struct Committed {
    guess: Guess,
    scenario: Scenario,
    choices: Rc<Vec<Choice>>,
    /// The latest run's id when it was committed: the next run is scored.
    after: RunId,
    challenge: Option<&'static str>,
}

/// The fold. What it holds comes from a chunk of its own, loaded the first
/// time it opens, and stays (with the prediction made) when it closes.
#[function_component]
pub fn PredictPanel(props: &PredictProps) -> Html {
    let Fold { open, ontoggle } = use_fold(props.open);
    let preload = use_preload(&PREDICT);
    let body = use_chunk(&PREDICT, open).draw(|| BodyProps {
        panel: props.clone(),
        open,
    });
    html! {
        <details class="panel predict" id="predict" {open} {ontoggle}>
            <summary onpointerenter={preload.enter.clone()} onfocus={preload.focus.clone()}><h2>{ "Predict, then run" }</h2></summary>
            { body }
        </details>
    }
}

/// Properties of [`Body`].
#[derive(Properties, PartialEq)]
struct BodyProps {
    panel: PredictProps,
    /// Whether the fold is open: choices are worked out only then.
    open: bool,
}

/// The fold's body. In a release build this function and all it alone
/// uses (the challenges, the choices and the scoring) are cut into a chunk
/// (see [`super::chunk`]).
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(predict, fallible))]
fn predict_view() -> Result<View<BodyProps>, LoadFailed> {
    Ok(|props| html! { <Body ..props /> })
}

static PREDICT: Chunk<BodyProps> = Chunk::new(
    "predict",
    "Loading the challenges and the prediction form…",
    "The challenges and the prediction form could not be loaded: check the connection, then try again.",
    load!(predict_view),
);

/// The challenges, the prediction form and the score.
#[function_component]
fn Body(body: &BodyProps) -> Html {
    let (props, open) = (&body.panel, body.open);
    let guess = use_state(Guess::default);
    let committed = use_state(|| None::<Committed>);
    let challenge = use_state(|| None::<&'static Challenge>);
    let picked = use_state(|| None::<&'static Challenge>);
    let solved = use_state(storage::solved);
    let compiled = Rc::clone(&props.compiled.0);
    let scenario = compiled
        .as_ref()
        .as_ref()
        .ok()
        .filter(|s| s.tasks.len() <= MAX_TASKS)
        .cloned();
    // Worked out only while the fold is open.
    let offered = use_memo((scenario.clone(), open), |(scenario, open)| {
        scenario.as_ref().filter(|_| *open).map(|s| {
            let p = predict(s);
            Rc::new(choices(s, &p.settle_order))
        })
    });
    let too_many = compiled
        .as_ref()
        .as_ref()
        .is_ok_and(|s| s.tasks.len() > MAX_TASKS);

    // The score of the first run after the prediction, once it is over.
    let run_after = committed.as_ref().and_then(|c| {
        let run = props.finished.as_ref()?;
        (run.run > c.after).then_some((c, run))
    });
    let marks: Option<Result<Vec<Mark>, &'static str>> = run_after.map(|(c, run)| {
        if run.scenario != c.scenario {
            Err("The tasks changed between the prediction and the run: commit a new prediction, then run.")
        } else {
            Ok(score(&c.scenario, &c.guess, &c.choices, &Facts::of_run(run)))
        }
    });
    let all_right = matches!(&marks, Some(Ok(m)) if !m.is_empty() && m.iter().all(|m| m.right));
    {
        // A challenge answered right in every part is kept as solved.
        let solved = solved.clone();
        let id = committed
            .as_ref()
            .and_then(|c| c.challenge)
            .filter(|_| all_right);
        use_effect_with(id, move |id| {
            if let Some(id) = id {
                storage::mark_solved(id);
                solved.set(storage::solved());
            }
        });
    }

    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            picked.set(Challenge::find(&value));
        })
    };
    let on_load = {
        let (picked, challenge, guess, committed) = (
            picked.clone(),
            challenge.clone(),
            guess.clone(),
            committed.clone(),
        );
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(c) = *picked else {
                return;
            };
            dispatcher.dispatch(Action::Open {
                scenario: c.scenario(),
            });
            challenge.set(Some(c));
            guess.set(Guess::default());
            committed.set(None);
        })
    };
    let set = |f: fn(&mut Guess, String)| {
        let guess = guess.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*guess).clone();
            f(&mut next, value);
            guess.set(next);
        })
    };
    let on_ending = set(|g, v| g.ending = Ending::ALL.into_iter().find(|e| e.keyword() == v));
    let on_value = set(|g, v| g.value = v.parse().ok());
    let on_decider = set(|g, v| g.decider = v.parse().ok());
    let on_at = set(|g, v| g.at_ms = v.trim().parse().ok());
    let on_commit = {
        let (guess, committed, challenge) = (guess.clone(), committed.clone(), challenge.clone());
        let (run, after) = (props.run.clone(), props.last_run);
        let offered = offered.clone();
        let scenario = scenario.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(scenario), Some(choices)) = (scenario.clone(), (*offered).clone()) else {
                return;
            };
            // A challenge counts only for its own tasks.
            let challenge = challenge.filter(|c| c.scenario() == scenario).map(|c| c.id);
            committed.set(Some(Committed {
                guess: (*guess).clone().committed(),
                scenario,
                choices,
                after,
                challenge,
            }));
            run.emit(());
        })
    };

    let never = guess.ending == Some(Ending::Never);
    let ready = scenario.is_some() && guess.ending.is_some();
    let tasks = scenario.as_ref().map_or(&[][..], |s| &s.tasks[..]);
    let endings: Vec<Html> = Ending::ALL
        .iter()
        .map(|&e| {
            let id = format!("guess-{}", e.keyword());
            html! {
                <label class="guess-ending" for={id.clone()}>
                    <input type="radio" name="guess-ending" id={id} value={e.keyword()}
                        checked={guess.ending == Some(e)} onchange={on_ending.clone()} />
                    { e.words() }
                </label>
            }
        })
        .collect();
    let value_options: Html = offered
        .as_ref()
        .as_ref()
        .map(|c| {
            c.iter()
                .enumerate()
                .map(|(i, choice)| {
                    html! {
                        <option value={i.to_string()} selected={guess.value == Some(i)}>
                            { format!("{}: {}", choice.words, choice.value.inspect()) }
                        </option>
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let decider_options: Html = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            html! {
                <option value={i.to_string()} selected={guess.decider == Some(i)}>
                    { format!("\u{2068}{}\u{2069} (task {})", t.label, i + 1) }
                </option>
            }
        })
        .collect();
    let challenge_options: Html = CHALLENGES
        .iter()
        .map(|c| {
            let done = solved.iter().any(|s| s == c.id);
            html! {
                <option value={c.id} selected={picked.map(|p| p.id) == Some(c.id)}>
                    { format!("{}{}", if done { "✓ " } else { "" }, c.title) }
                </option>
            }
        })
        .collect();
    let done = CHALLENGES
        .iter()
        .filter(|c| solved.iter().any(|s| s == c.id))
        .count();
    let score_html = marks.map(|marks| match marks {
        Err(words) => html! { <p class="hint" id="score">{ words }</p> },
        Ok(marks) => {
            let right = marks.iter().filter(|m| m.right).count();
            let items: Html = marks
                .iter()
                .map(|m| {
                    let (class, sign) = if m.right { ("right", "✓") } else { ("wrong", "✗") };
                    html! {
                        <li class={class} data-part={m.part}>
                            <span class="score-sign" aria-hidden="true">{ sign }</span>
                            <span class="sr-only">{ if m.right { "Right. " } else { "Missed. " } }</span>
                            { m.words.clone() }
                        </li>
                    }
                })
                .collect();
            let head = match (right, marks.len()) {
                (_, 0) => "Nothing was predicted, so there is nothing to score.".to_string(),
                (r, n) if r == n => format!("All {n} right."),
                (r, n) => format!("{r} of {n} right."),
            };
            html! {
                <div class="score" id="score" role="status" data-right={right.to_string()} data-of={marks.len().to_string()}>
                    <p class="score-head">{ head }</p>
                    <ul class="score-list">{ items }</ul>
                </div>
            }
        }
    });
    html! {
        <>
            <div class="challenge-pick">
                <label for="challenge">{ "Challenge" }</label>
                <select id="challenge" onchange={on_pick}>
                    <option value="" selected={picked.is_none()}>{ "Choose one…" }</option>
                    { challenge_options }
                </select>
                <button type="button" class="secondary" id="challenge-load" onclick={on_load}
                    disabled={picked.is_none()}>{ "Load" }</button>
                <span class="hint" id="challenge-progress">{ format!("{done} of {} solved", CHALLENGES.len()) }</span>
            </div>
            if too_many {
                <p class="hint" id="predict-too-many">{ format!("Predictions are offered for up to {MAX_TASKS} tasks: load a challenge, or use fewer tasks.") }</p>
            }
            if let Some(c) = *challenge {
                <p class="challenge-question" id="challenge-question"><strong>{ c.title }</strong>{ ": " }{ c.question }</p>
            }
            <form class="guess" id="guess" onsubmit={on_commit}>
                <fieldset class="guess-endings">
                    <legend>{ "It…" }</legend>
                    { endings }
                </fieldset>
                <label class="guess-field" for="guess-value">{ "with" }
                    <select id="guess-value" onchange={on_value} disabled={never}>
                        <option value="" selected={guess.value.is_none()}>{ "(not predicted)" }</option>
                        { value_options }
                    </select>
                </label>
                <label class="guess-field" for="guess-decider">{ "decided by" }
                    <select id="guess-decider" onchange={on_decider} disabled={never}>
                        <option value="" selected={guess.decider.is_none()}>{ "(not predicted)" }</option>
                        { decider_options }
                    </select>
                </label>
                <label class="guess-field" for="guess-at">{ "at about" }
                    <span class="guess-at">
                        <input type="number" id="guess-at" min="0" step="10" inputmode="numeric"
                            disabled={never} onchange={on_at}
                            value={guess.at_ms.map(|t| t.to_string()).unwrap_or_default()} />
                        { " ms" }
                    </span>
                </label>
                <button type="submit" class="primary" id="commit-guess" disabled={!ready}>{ "Commit and run" }</button>
            </form>
            { score_html }
        </>
    }
}
