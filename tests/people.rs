//! People in the manifest (docs/manifest.md, *`[[person]]`*, *Validation*):
//! `[[person]]` entries, the owner that must name one, `away` ranges,
//! `actual`, and the headcount warning — each error and warning at its
//! line and column, with its hint.

use readiness::manifest::{self, Diagnostic, SourceMap};

/// Every diagnostic of `text` rendered as `check` prints it.
fn rendered(text: &str) -> Vec<(Diagnostic, String)> {
    let diagnostics = match manifest::load(text) {
        Ok(checked) => checked.warnings,
        Err(all) => all,
    };
    let map = SourceMap::new(text);
    diagnostics
        .into_iter()
        .map(|d| {
            let shown = map.render("readiness.toml", &d);
            (d, shown)
        })
        .collect()
}

/// The one diagnostic whose message holds `fragment`, rendered.
#[track_caller]
fn find(text: &str, fragment: &str) -> (Diagnostic, String) {
    let all = rendered(text);
    let mut hits = all.iter().filter(|(d, _)| d.message.contains(fragment));
    let hit = hits
        .next()
        .unwrap_or_else(|| panic!("no diagnostic with {fragment:?} in {all:#?}"))
        .clone();
    assert!(hits.next().is_none(), "two diagnostics with {fragment:?}");
    hit
}

const HEAD: &str = "[project]\nname = \"x\"\n\n[[component]]\nid = \"c\"\n";

fn task(id: &str, extra: &str) -> String {
    format!("\n[[task]]\nid = \"{id}\"\ntitle = \"{id}\"\ncomponent = \"c\"\n{extra}")
}

#[test]
fn an_owner_naming_no_declared_person_is_an_error_with_a_hint() {
    let text = format!(
        "{HEAD}\n[[person]]\nid = \"tomas\"\n\n[[person]]\nid = \"maya\"\n{}",
        task("a", "owner = \"tomsa\"\n")
    );
    let (d, shown) = find(&text, "as its owner");
    assert!(d.is_error());
    assert_eq!(
        shown,
        "readiness.toml:17:9: error: task `a` names `tomsa` as its owner, but no [[person]] has that id\n   |\n17 | owner = \"tomsa\"\n   |         ^^^^^^^\n   = help: did you mean `tomas`?\n"
    );
    // Nothing close: the hint says how to fix it.
    let text = format!(
        "{HEAD}\n[[person]]\nid = \"tomas\"\n{}",
        task("a", "owner = \"zed\"\n")
    );
    let (_, shown) = find(&text, "as its owner");
    assert!(
        shown.contains("help: add a [[person]] with id = \"zed\""),
        "{shown}"
    );
}

#[test]
fn without_declared_people_any_owner_is_a_person() {
    let text = format!("{HEAD}{}", task("a", "owner = \"anyone\"\n"));
    assert!(manifest::load(&text).is_ok());
}

#[test]
fn an_away_range_that_ends_before_it_starts_is_an_error() {
    let text = format!(
        "{HEAD}\n[[person]]\nid = \"sam\"\naway = [{{ from = 2026-12-05, to = 2026-12-01 }}]\n"
    );
    let (d, shown) = find(&text, "before it starts");
    assert!(d.is_error());
    assert!(
        shown.starts_with("readiness.toml:9:9: error: `away` range ends on 2026-12-01, before it starts on 2026-12-05\n"),
        "{shown}"
    );
    // One day away: from = to.
    let text = format!(
        "{HEAD}\n[[person]]\nid = \"sam\"\naway = [{{ from = 2026-12-01, to = 2026-12-01 }}]\n"
    );
    let m = manifest::load(&text).expect("valid").manifest;
    assert_eq!(m.people[0].away.len(), 1);
}

#[test]
fn away_ranges_need_both_ends_and_known_keys() {
    let text = format!(
        "{HEAD}\n[[person]]\nid = \"sam\"\naway = [{{ form = 2026-12-01, to = 2026-12-02 }}]\n"
    );
    let (_, shown) = find(&text, "unknown key `form`");
    assert!(shown.starts_with("readiness.toml:9:11: error: unknown key `form` in `away` range\n"));
    assert!(shown.contains("help: did you mean `from`?"), "{shown}");
    let (d, _) = find(&text, "needs `from` and `to`");
    assert!(d.is_error());
}

#[test]
fn person_keys_and_focus_are_checked() {
    let text = format!("{HEAD}\n[[person]]\nid = \"sam\"\nnmae = \"Sam\"\nfocus = 1.5\n");
    let (_, shown) = find(&text, "unknown key `nmae`");
    assert!(shown.contains("did you mean `name`?"), "{shown}");
    let (_, shown) = find(&text, "`focus` must be");
    assert!(shown.starts_with("readiness.toml:10:9: error:"), "{shown}");
    let text = format!("{HEAD}\n[[person]]\nid = \"sam\"\n\n[[person]]\nid = \"sam\"\n");
    let (_, shown) = find(&text, "duplicate person id `sam`");
    assert!(shown.starts_with("readiness.toml:11:6: error:"), "{shown}");
}

#[test]
fn actual_is_for_done_tasks_and_is_one_figure() {
    let text = format!("{HEAD}{}", task("a", "actual = \"3d\"\n"));
    let (d, shown) = find(&text, "is not done");
    assert!(d.is_error());
    assert!(
        shown.starts_with("readiness.toml:11:10: error: task `a` has `actual` but is not done")
    );
    let text = format!(
        "{HEAD}{}",
        task(
            "a",
            "status = \"done\"\ndone = 2026-11-20\nactual = \"2-3d\"\n"
        )
    );
    let (_, shown) = find(&text, "is a range");
    assert!(shown.starts_with("readiness.toml:13:10: error:"), "{shown}");
    let text = format!(
        "{HEAD}{}",
        task(
            "a",
            "status = \"done\"\ndone = 2026-11-20\nactual = \"3 dayz\"\n"
        )
    );
    let (_, shown) = find(&text, "bad `actual` \"3 dayz\"");
    assert!(shown.starts_with("readiness.toml:13:10: error:"), "{shown}");
    // Hours follow hours_per_day; a number is days.
    let text = format!(
        "[project]\nname = \"x\"\n[calendar]\nhours_per_day = 6\n[[component]]\nid = \"c\"\n{}{}",
        task(
            "a",
            "status = \"done\"\ndone = 2026-11-20\nactual = \"3h\"\n"
        ),
        task("b", "status = \"done\"\ndone = 2026-11-20\nactual = 2.5\n")
    );
    let m = manifest::load(&text).expect("valid").manifest;
    assert_eq!(m.tasks[0].actual, Some(0.5));
    assert_eq!(m.tasks[1].actual, Some(2.5));
}

#[test]
fn more_owners_than_team_people_warns_and_raises_the_headcount() {
    let text = format!(
        "[project]\nname = \"x\"\n\n[team]\npeople = 2\n\n[[component]]\nid = \"c\"\n{}{}{}{}",
        task("a", "owner = \"amy\"\n"),
        task("b", "owner = \"bo\"\n"),
        task("c", "owner = \"amy\"\n"),
        task("d", "owner = \"cy\"\n"),
    );
    let (d, shown) = find(&text, "own open tasks");
    assert!(!d.is_error());
    assert!(
        shown.starts_with("readiness.toml:5:10: warning: 3 people own open tasks (`amy`, `bo`, `cy`) but `people` in [team] is 2: the headcount is raised to 3\n"),
        "{shown}"
    );
    let roster = manifest::roster::Roster::of(&manifest::load(&text).unwrap().manifest);
    assert_eq!(roster.headcount, 3);
    // Without [team], the warning points at the task whose owner goes past one.
    let text = format!(
        "{HEAD}{}{}",
        task("a", "owner = \"amy\"\n"),
        task("b", "owner = \"bo\"\n")
    );
    let (_, shown) = find(&text, "own open tasks");
    assert!(
        shown.starts_with("readiness.toml:13:1: warning: 2 people own open tasks"),
        "{shown}"
    );
    // Owners of done tasks are not counted.
    let text = format!(
        "{HEAD}{}{}",
        task("a", "owner = \"amy\"\n"),
        task(
            "b",
            "owner = \"bo\"\nstatus = \"done\"\ndone = 2026-11-20\n"
        )
    );
    assert!(manifest::load(&text).unwrap().warnings.is_empty());
}

#[test]
fn a_headcount_below_the_declared_people_warns() {
    let text = "[project]\nname = \"x\"\n\n[team]\npeople = 1\n\n[[person]]\nid = \"amy\"\n\n[[person]]\nid = \"bo\"\n\n[[component]]\nid = \"c\"\n";
    let (d, shown) = find(text, "declared with [[person]]");
    assert!(!d.is_error());
    assert!(
        shown.starts_with("readiness.toml:5:10: warning: 2 people are declared with [[person]] but `people` in [team] is 1: the headcount is raised to 2\n"),
        "{shown}"
    );
}

#[test]
fn a_component_owner_stays_free_text() {
    let text = format!(
        "[project]\nname = \"x\"\n[[person]]\nid = \"amy\"\n[[component]]\nid = \"c\"\nowner = \"someone else\"\n{}",
        task("a", "owner = \"amy\"\n")
    );
    assert!(manifest::load(&text).is_ok());
}

#[test]
fn started_after_done_warns() {
    let text = format!(
        "{HEAD}{}",
        task(
            "a",
            "status = \"done\"\nstarted = 2026-11-25\ndone = 2026-11-20\n"
        )
    );
    let (d, shown) = find(&text, "after it was done");
    assert!(!d.is_error());
    assert!(shown.starts_with("readiness.toml:7:1: warning:"), "{shown}");
}
